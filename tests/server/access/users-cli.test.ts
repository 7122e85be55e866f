// The users command as an operator runs it (node with tsx, as npm run does, without npx's start-up): adding users (roles, scopes, passwords from stdin), tokens
// printed alone on the last line, one-time links, list, remove; bad input exits 1 changing nothing; every
// change audited as cli:<os user>.
import { spawn } from 'node:child_process';
import os from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findApiToken } from '../../../api/src/access/tokens.js';
import { useOneTimeLink } from '../../../api/src/access/links.js';
import { verifyPassword } from '../../../api/src/access/passwords.js';
import { projectRoot } from '../../../api/src/paths.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';

let t: TestDatabase;
const cliUser = `cli:${os.userInfo().username}`;

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North Kent'), ('THA', 'Thanet', 'EAST', 'East Kent')`);
});
afterAll(async () => {
  await t.drop();
});

function users(args: string[], options: { stdin?: string; env?: Record<string, string> } = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/users.ts', ...args], {
      cwd: projectRoot,
      env: { ...process.env, DATABASE_URL: t.url, OIDC_ISSUER_URL: '', PUBLIC_URL: 'https://scorecard.example.org', ...options.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => { stdout += chunk; });
    child.stderr.on('data', (chunk) => { stderr += chunk; });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr: stderr.replace(/^npm warn.*\n/gm, '') }));
    child.stdin.end(options.stdin ?? '');
  });
}

const counts = async () => (await t.pool.query(`SELECT (SELECT count(*) FROM users)::int AS users,
  (SELECT count(*) FROM api_tokens)::int AS tokens, (SELECT count(*) FROM audit_log)::int AS audit,
  (SELECT count(*) FROM one_time_links)::int AS links`)).rows[0];

const audit = async (action: string) => (await t.pool.query(
  'SELECT user_id, user_email, action, object, details FROM audit_log WHERE action = $1 ORDER BY id', [action])).rows;

describe('npm run users', () => {
  it('prints the usage for --help; an unknown command, option or role exits 1 with one clear line', async () => {
    const help = await users(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:/);
    expect(help.stdout).toContain('token --email E --name N [--days D]');

    const cases: [string[], string][] = [
      [['promote', '--email', 'a@b.org'], 'Unknown command "promote" (commands: add, token, list, remove, link)'],
      [['add', '--email', 'a@b.org', '--role', 'superuser'], 'Unknown role "superuser" (roles: viewer, contributor, analyst, approver, admin, partner)'],
      [['add', '--email', 'not-an-address', '--role', 'viewer'], '--email must be an e-mail address, got "not-an-address"'],
      [['add', '--role', 'viewer'], 'add needs --email'],
      [['list', '--email', 'a@b.org'], 'list does not take --email'],
      [['token', '--email', 'a@b.org', '--name', 'x', '--days', '0'], '--days must be a whole number of days from 1 to 3650, got "0"'],
      [['add', '--frobnicate'], "Unknown option '--frobnicate'."],
    ];
    for (const [args, message] of cases) {
      const result = await users(args);
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.split('\n')[0]).toBe(message);
      expect(result.stderr).not.toMatch(/\n\s+at /);
    }
    expect(await counts()).toEqual({ users: 0, tokens: 0, audit: 0, links: 0 });
  });

  it('adds a local administrator with a password read from stdin, audited as the OS user', async () => {
    const result = await users(['add', '--email', 'Ann@Example.org', '--role', 'admin', '--name', 'Ann Admin', '--password-stdin'],
      { stdin: 'correct horse battery\n' });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('Added ann@example.org (Ann Admin): admin; password set.\n');
    const { rows } = await t.pool.query(`SELECT email, name, role, scope, password_hash FROM users WHERE email = 'ann@example.org'`);
    expect(rows[0]).toMatchObject({ email: 'ann@example.org', name: 'Ann Admin', role: 'admin', scope: null });
    // The line end the shell adds is not part of the password.
    expect(await verifyPassword('correct horse battery', rows[0].password_hash)).toBe(true);
    expect(await audit('user_added')).toEqual([{
      user_id: null, user_email: cliUser, action: 'user_added', object: 'ann@example.org',
      details: { role: 'admin', scope: null, name: 'Ann Admin' },
    }]);
    expect((await audit('password_set')).map((e) => e.object)).toEqual(['ann@example.org']);
  });

  it('refuses a short password, a scope for a non-contributor, a contributor without one and unknown codes, changing nothing', async () => {
    const before = await counts();
    const cases: [string[], string, string?][] = [
      [['add', '--email', 'bob@example.org', '--role', 'viewer', '--password-stdin'], 'The password must be at least 12 characters long. Nothing was changed.', 'short\n'],
      [['add', '--email', 'bob@example.org', '--role', 'viewer', '--scope', 'DAR'],
        'only a contributor has a scope; a viewer reads and acts for the whole county (leave the scope out). Nothing was changed.'],
      [['add', '--email', 'bob@example.org', '--role', 'contributor'],
        'a contributor needs a scope: the geographies they write for (KENT, area or district codes). Nothing was changed.'],
      [['add', '--email', 'bob@example.org', '--role', 'contributor', '--scope', 'DAR,XYZ,MAI'],
        'unknown geography codes XYZ, MAI (known: DAR, EAST, KENT, NORTH, THA). Nothing was changed.'],
    ];
    for (const [args, message, stdin] of cases) {
      const result = await users(args, { stdin });
      expect(result.code, args.join(' ')).toBe(1);
      expect(result.stderr.trim().split('\n').at(-1)).toBe(message);
    }
    expect(await counts()).toEqual(before);
  });

  it('gives a contributor a scope of area and district codes in any case, and audits a role change', async () => {
    const added = await users(['add', '--email', 'cat@example.org', '--role', 'contributor', '--scope', 'dar, east']);
    expect(added.code, added.stderr).toBe(0);
    expect(added.stdout).toBe('Added cat@example.org: contributor for DAR, EAST.\n');
    const again = await users(['add', '--email', 'cat@example.org', '--role', 'contributor', '--name', 'Cat']);
    expect(again.stdout).toBe('Updated cat@example.org (Cat): contributor for DAR, EAST.\n');
    const changed = await users(['add', '--email', 'cat@example.org', '--role', 'analyst']);
    expect(changed.code, changed.stderr).toBe(0);
    expect(changed.stdout).toBe('Updated cat@example.org (Cat): analyst.\n');
    const { rows } = await t.pool.query(`SELECT role, scope FROM users WHERE email = 'cat@example.org'`);
    expect(rows[0]).toEqual({ role: 'analyst', scope: null });
    expect(await audit('role_changed')).toEqual([{
      user_id: null, user_email: cliUser, action: 'role_changed', object: 'cat@example.org',
      details: { from: 'contributor', to: 'analyst', scopeFrom: ['DAR', 'EAST'], scopeTo: null },
    }]);
  });

  it('creates a token printed alone on the last line, which then works as that user', async () => {
    const result = await users(['token', '--email', 'cat@example.org', '--name', 'nightly check', '--days', '30']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Token "nightly check" for cat@example.org, valid until \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC\. It is shown once/);
    const token = lines.at(-1)!;
    expect(token).toMatch(/^ehps_[A-Za-z0-9_-]{43}$/);
    expect((await findApiToken(t.pool, token))?.user).toMatchObject({ email: 'cat@example.org', role: 'analyst' });
    const { rows } = await t.pool.query(`SELECT name, (expires_at - created_at) AS lasts FROM api_tokens`);
    expect(rows).toEqual([{ name: 'nightly check', lasts: expect.objectContaining({ days: 30 }) }]);
    expect((await audit('token_created')).map((e) => [e.user_email, e.object, e.details]))
      .toEqual([[cliUser, 'cat@example.org', { name: 'nightly check', days: 30 }]]);

    const unknown = await users(['token', '--email', 'nobody@example.org', '--name', 'x']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('No user nobody@example.org: add them first with `npm run users -- add`. Nothing was changed.');
  });

  it('issues a one-time sign-in link for a local account (refused when OpenID Connect is configured)', async () => {
    const result = await users(['link', '--email', 'ann@example.org']);
    expect(result.code, result.stderr).toBe(0);
    const link = result.stdout.trimEnd().split('\n').at(-1)!;
    expect(link).toMatch(/^https:\/\/scorecard\.example\.org\/auth\/first-run\?token=[A-Za-z0-9_-]+$/);
    const used = await useOneTimeLink(t.pool, new URL(link).searchParams.get('token')!);
    expect(used).toMatchObject({ purpose: 'sign_in' });
    expect((await audit('sign_in_link_issued')).map((e) => e.object)).toEqual(['ann@example.org']);

    const oidc = await users(['link', '--email', 'ann@example.org'], { env: { OIDC_ISSUER_URL: 'https://login.example.org' } });
    expect(oidc.code).toBe(1);
    expect(oidc.stderr).toMatch(/OpenID Connect is configured/);
  });

  it('lists users with their role, its source, scope and state', async () => {
    await users(['add', '--email', 'dee@example.org', '--role', 'contributor', '--scope', 'THA']);
    const result = await users(['list']);
    expect(result.code, result.stderr).toBe(0);
    const lines = result.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^email\s+name\s+role\s+role from\s+scope\s+password\s+last sign-in\s+removed$/);
    expect(lines.slice(1).map((l) => l.split(/\s{2,}/).slice(0, 6))).toEqual([
      ['ann@example.org', 'Ann Admin', 'admin', 'granted here', '-', 'yes'],
      ['cat@example.org', 'Cat', 'analyst', 'granted here', '-', 'no'],
      ['dee@example.org', '-', 'contributor', 'granted here', 'THA', 'no'],
    ]);
  });

  it('removes a user: their tokens stop working, the row stays; removing again exits 1', async () => {
    const { rows: [tokenRow] } = await t.pool.query(`SELECT id FROM api_tokens`);
    const removed = await users(['remove', '--email', 'cat@example.org']);
    expect(removed.code, removed.stderr).toBe(0);
    expect(removed.stdout).toMatch(/^Removed cat@example.org: their sessions have ended and their tokens no longer work/);
    const { rows } = await t.pool.query(`SELECT removed_at IS NOT NULL AS removed FROM users WHERE email = 'cat@example.org'`);
    expect(rows).toEqual([{ removed: true }]);
    const { rows: tokens } = await t.pool.query(`SELECT revoked_at IS NOT NULL AS revoked FROM api_tokens WHERE id = $1`, [tokenRow.id]);
    expect(tokens).toEqual([{ revoked: true }]);
    expect((await audit('user_removed')).map((e) => [e.user_email, e.object])).toEqual([[cliUser, 'cat@example.org']]);

    const again = await users(['remove', '--email', 'cat@example.org']);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('cat@example.org was already removed. Nothing was changed.');
  });
});
