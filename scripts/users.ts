// The users command (access.md, "API tokens"): operators and scripts add users, issue tokens and one-time
// sign-in links, list and remove users. Every command migrates the database first (DATABASE_URL, or the
// embedded server, which may be running already for `npm start`); every change is audited as cli:<os user>.
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { recordAudit, type AuditEntry } from '../api/src/access/audit.js';
import { issueOneTimeLink, LINK_VALID_HOURS, oneTimeLinkUrl } from '../api/src/access/links.js';
import { hashPassword, passwordProblem } from '../api/src/access/passwords.js';
import { ROLES, isRole, type Role } from '../api/src/access/roles.js';
import { ScopeError, checkScope, parseScopeCodes } from '../api/src/access/scope.js';
import { accessSettings } from '../api/src/access/settings.js';
import { createApiToken, DEFAULT_TOKEN_DAYS } from '../api/src/access/tokens.js';
import { effectiveRole, findUserByEmail, normaliseEmail, removeUser, upsertUser, userColumns, type UserRow } from '../api/src/access/users.js';
import { leaveDatabaseOnSignal, openDatabaseTarget, type DatabaseTarget } from '../api/src/db/connection.js';
import { createDb, createPool } from '../api/src/db/kysely.js';
import { migrate } from '../api/src/db/migrate.js';
import { inTransaction } from '../api/src/db/transaction.js';
import { cliActor } from './cli-actor.js';

const USAGE = `Usage:
  npm run users -- add --email E --role R [--name N] [--scope CODES] [--password-stdin]
  npm run users -- token --email E --name N [--days D]
  npm run users -- list
  npm run users -- remove --email E
  npm run users -- link --email E
  npm run users -- --help

  add      creates a user, or updates the one with that e-mail (a removed user is active again)
           --role     one of ${ROLES.join(', ')}
           --scope    a contributor's geographies, comma-separated: KENT, area or district codes
           --password-stdin  a local account's password, read from standard input (12 characters or more)
  token    creates an API token for the user (default ${DEFAULT_TOKEN_DAYS} days, at most 3650) and prints it alone
           on the last line: it is shown once
  list     every user: role and where it comes from, scope, last sign-in, removed
  remove   removes a user: their sessions end, their tokens stop working, their name stays on what they wrote
  link     prints a new one-time sign-in link for a local account (single use, valid ${LINK_VALID_HOURS} hours)

Every change is written to the audit log as cli:<your user name>.
Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is not set (the one
\`npm start\` is running, if it is).`;

class UsageError extends Error {}

type Command =
  | { kind: 'help' }
  | { kind: 'add'; email: string; role: Role; name: string | undefined; scope: string[] | null; passwordFromStdin: boolean }
  | { kind: 'token'; email: string; name: string; days: number }
  | { kind: 'list' }
  | { kind: 'remove'; email: string }
  | { kind: 'link'; email: string };

const OPTIONS_OF: Record<string, string[]> = {
  add: ['email', 'role', 'name', 'scope', 'password-stdin'],
  token: ['email', 'name', 'days'],
  list: [],
  remove: ['email'],
  link: ['email'],
};

const EMAIL = /^[^\s@]+@[^\s@]+$/;

function email(value: string | undefined, command: string): string {
  if (value === undefined) throw new UsageError(`${command} needs --email`);
  const normalised = normaliseEmail(value);
  if (!EMAIL.test(normalised)) throw new UsageError(`--email must be an e-mail address, got "${value}"`);
  return normalised;
}

function parseCommand(argv: string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        email: { type: 'string' },
        role: { type: 'string' },
        name: { type: 'string' },
        scope: { type: 'string' },
        'password-stdin': { type: 'boolean', default: false },
        days: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    // Node's message goes on to suggest `--`; its first sentence is what the operator needs.
    throw new UsageError((error as Error).message.split('. ')[0]!.split('\n')[0]! + '.');
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [name, ...rest] = positionals;
  if (name === undefined) throw new UsageError('Give a command: add, token, list, remove or link');
  const allowed = OPTIONS_OF[name];
  if (!allowed) throw new UsageError(`Unknown command "${name}" (commands: ${Object.keys(OPTIONS_OF).join(', ')})`);
  if (rest.length) throw new UsageError(`${name} takes no other arguments (got: ${rest.join(' ')})`);
  for (const [option, value] of Object.entries(values)) {
    if (option === 'help' || value === undefined || value === false) continue;
    if (!allowed.includes(option)) throw new UsageError(`${name} does not take --${option}`);
  }
  switch (name) {
    case 'add': {
      if (values.role === undefined) throw new UsageError('add needs --role');
      const role = values.role.trim().toLowerCase();
      if (!isRole(role)) throw new UsageError(`Unknown role "${values.role}" (roles: ${ROLES.join(', ')})`);
      const scope = values.scope === undefined ? null : parseScopeCodes(values.scope);
      if (values.scope !== undefined && scope!.length === 0) throw new UsageError('--scope needs at least one geography code');
      if (values.name !== undefined && !values.name.trim()) throw new UsageError('--name must not be empty');
      return {
        kind: 'add', email: email(values.email, 'add'), role, name: values.name?.trim(), scope,
        passwordFromStdin: values['password-stdin'] ?? false,
      };
    }
    case 'token': {
      const address = email(values.email, 'token');
      if (values.name === undefined || !values.name.trim()) throw new UsageError('token needs --name (what the token is for, e.g. "nightly extract check")');
      const days = values.days === undefined ? DEFAULT_TOKEN_DAYS : Number(values.days);
      if (!/^\d+$/.test(values.days ?? '1') || !Number.isInteger(days) || days < 1 || days > 3650) {
        throw new UsageError(`--days must be a whole number of days from 1 to 3650, got "${values.days}"`);
      }
      return { kind: 'token', email: address, name: values.name.trim(), days };
    }
    case 'list':
      return { kind: 'list' };
    case 'remove':
      return { kind: 'remove', email: email(values.email, 'remove') };
    default:
      return { kind: 'link', email: email(values.email, 'link') };
  }
}

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Type the password, then Enter and Ctrl-D (it is shown as you type: prefer a pipe):\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  // The line end an `echo` or a here-document adds is not part of the password.
  return Buffer.concat(chunks).toString('utf8').replace(/\r?\n$/, '');
}

const day = (date: Date | null) => (date ? date.toISOString().slice(0, 16).replace('T', ' ') + ' UTC' : '-');

function roleSource(user: UserRow): string {
  if (user.providerRole) return 'identity provider';
  return user.role ? 'granted here' : 'none';
}

function listUsers(users: UserRow[]): string {
  if (!users.length) return 'No users yet.';
  const header = ['email', 'name', 'role', 'role from', 'scope', 'password', 'last sign-in', 'removed'];
  const rows = users.map((u) => [
    u.email, u.name ?? '-', effectiveRole(u) ?? 'no access', roleSource(u), u.scope?.join(',') ?? '-',
    u.passwordHash ? 'yes' : 'no', day(u.lastSignInAt), day(u.removedAt),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd()).join('\n');
}

async function run(command: Exclude<Command, { kind: 'help' }>, pool: pg.Pool, password: string | null): Promise<string> {
  const actor: Pick<AuditEntry, 'userId' | 'userEmail' | 'address'> = cliActor();
  const settings = accessSettings();
  switch (command.kind) {
    case 'add': {
      // Checked before anything is written: the scope against the reference geographies, the password.
      // A contributor added again without --scope keeps the scope they have.
      const existing = command.scope === null && command.role === 'contributor' ? await findUserByEmail(pool, command.email) : null;
      const scope = await checkScope(createDb(pool), command.role, command.scope ?? existing?.scope ?? null);
      if (password !== null && settings.oidc) {
        throw new UsageError('OpenID Connect is configured (OIDC_ISSUER_URL): users sign in at the identity provider, not with a password');
      }
      const problem = password === null ? null : passwordProblem(password);
      if (problem) throw new UsageError(problem);
      const passwordHash = password === null ? undefined : await hashPassword(password);
      return inTransaction(pool, async (client) => {
        const before = await findUserByEmail(client, command.email);
        const user = await upsertUser(client, { email: command.email, name: command.name, role: command.role, scope, passwordHash });
        const object = user.email;
        if (!before) {
          await recordAudit(client, { ...actor, action: 'user_added', object, details: { role: user.role, scope: user.scope, name: user.name } });
        } else {
          if (before.removedAt) await recordAudit(client, { ...actor, action: 'user_restored', object });
          const scopeChanged = (before.scope ?? []).join(',') !== (user.scope ?? []).join(',');
          if (before.role !== user.role || scopeChanged) {
            await recordAudit(client, {
              ...actor, action: 'role_changed', object,
              details: { from: before.role, to: user.role, scopeFrom: before.scope, scopeTo: user.scope },
            });
          }
        }
        if (passwordHash) await recordAudit(client, { ...actor, action: 'password_set', object });
        const scopeText = user.scope ? ` for ${user.scope.join(', ')}` : '';
        const effective = effectiveRole(user);
        const note = effective !== user.role ? ` (their identity provider's role, ${effective}, applies while they sign in there)` : '';
        return `${before ? 'Updated' : 'Added'} ${user.email}${user.name ? ` (${user.name})` : ''}: ${user.role}${scopeText}${note}`
          + `${passwordHash ? '; password set' : ''}.`;
      });
    }
    case 'token':
      return inTransaction(pool, async (client) => {
        const user = await findUserByEmail(client, command.email);
        if (!user || user.removedAt) throw new UsageError(`No user ${command.email}${user ? ' (removed)' : ''}: add them first with \`npm run users -- add\``);
        if (effectiveRole(user) === null) throw new UsageError(`${user.email} has no role, so a token would not work: give them one with \`npm run users -- add\``);
        const token = await createApiToken(client, user.id, command.name, command.days);
        const { rows } = await client.query<{ expires: Date }>(
          'SELECT expires_at AS expires FROM api_tokens WHERE user_id = $1 ORDER BY id DESC LIMIT 1', [user.id]);
        await recordAudit(client, { ...actor, action: 'token_created', object: user.email, details: { name: command.name, days: command.days } });
        return `Token "${command.name}" for ${user.email}, valid until ${day(rows[0]!.expires)}. `
          + `It is shown once: keep it now (send it as "Authorization: Bearer <token>").\n${token}`;
      });
    case 'list': {
      const { rows } = await pool.query<UserRow>(`SELECT ${userColumns()} FROM users ORDER BY removed_at IS NOT NULL, email`);
      return listUsers(rows);
    }
    case 'remove':
      return inTransaction(pool, async (client) => {
        if (!(await removeUser(client, command.email))) {
          const user = await findUserByEmail(client, command.email);
          throw new UsageError(user ? `${command.email} was already removed` : `No user ${command.email}`);
        }
        await recordAudit(client, { ...actor, action: 'user_removed', object: command.email });
        return `Removed ${command.email}: their sessions have ended and their tokens no longer work; their name stays on what they wrote.`;
      });
    case 'link':
      return inTransaction(pool, async (client) => {
        if (settings.oidc) throw new UsageError('OpenID Connect is configured (OIDC_ISSUER_URL): users sign in at the identity provider; there are no local accounts');
        const user = await findUserByEmail(client, command.email);
        if (!user || user.removedAt) throw new UsageError(`No user ${command.email}${user ? ' (removed)' : ''}: add them first with \`npm run users -- add\``);
        const token = await issueOneTimeLink(client, user.id, 'sign_in');
        await recordAudit(client, { ...actor, action: 'sign_in_link_issued', object: user.email });
        return `A one-time sign-in link for ${user.email} (single use, valid ${LINK_VALID_HOURS} hours):\n${oneTimeLinkUrl(settings.publicUrl, token)}`;
      });
  }
}

async function main(): Promise<number> {
  let command: Command;
  try {
    command = parseCommand(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\nRun \`npm run users -- --help\` for the usage.\n`);
    return 1;
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  // Read before the database opens, so a password piped in is never left waiting.
  const password = command.kind === 'add' && command.passwordFromStdin ? await readStdin() : null;

  let target: DatabaseTarget | null = null;
  let pool: pg.Pool | null = null;
  process.on('SIGINT', () => void leaveDatabaseOnSignal().finally(() => process.exit(130)));
  process.on('SIGTERM', () => void leaveDatabaseOnSignal().finally(() => process.exit(143)));
  try {
    const say = (message: string) => process.stderr.write(`${message}\n`);
    target = await openDatabaseTarget(say, 'users');
    pool = createPool(target.connectionString);
    await migrate(pool, say);
    process.stdout.write(`${await run(command, pool, password)}\n`);
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ScopeError) {
      process.stderr.write(`${error.message}. Nothing was changed.\n`.replace(/\.\. Nothing/, '. Nothing'));
      return 1;
    }
    throw error;
  } finally {
    await pool?.end().catch(() => {});
    await target?.stop().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The users command failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
