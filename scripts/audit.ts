// The audit log's retention: `npm run audit -- prune` removes entries older than AUDIT_RETENTION_YEARS
// (default 7) and writes an entry saying so. The only way entries ever leave the log.
import { parseArgs } from 'node:util';
import type pg from 'pg';
import { pruneAuditLog, retentionYears, DEFAULT_AUDIT_RETENTION_YEARS } from '../api/src/access/audit-retention.js';
import { leaveDatabaseOnSignal, openDatabaseTarget, type DatabaseTarget } from '../api/src/db/connection.js';
import { createPool } from '../api/src/db/kysely.js';
import { migrate } from '../api/src/db/migrate.js';
import { cliActor } from './cli-actor.js';

const USAGE = `Usage:
  npm run audit -- prune     removes audit entries older than AUDIT_RETENTION_YEARS (default ${DEFAULT_AUDIT_RETENTION_YEARS}),
                             recording that it did (as cli:<your user name>)
  npm run audit -- --help

Administrators read the log on the Admin page and at GET /api/audit.
Database: DATABASE_URL, or the embedded PostgreSQL under .data/ when it is not set.`;

class UsageError extends Error {}

function parseCommand(argv: string[]): 'help' | 'prune' {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, options: { help: { type: 'boolean', short: 'h', default: false } }, allowPositionals: true, strict: true });
  } catch (error) {
    throw new UsageError((error as Error).message.split('. ')[0]!.split('\n')[0]! + '.');
  }
  if (parsed.values.help) return 'help';
  const [command, ...rest] = parsed.positionals;
  if (command === undefined) throw new UsageError('Give a command: prune');
  if (command !== 'prune') throw new UsageError(`Unknown command "${command}" (commands: prune)`);
  if (rest.length) throw new UsageError(`prune takes no other arguments (got: ${rest.join(' ')})`);
  return 'prune';
}

async function main(): Promise<number> {
  let years: number;
  try {
    if (parseCommand(process.argv.slice(2)) === 'help') {
      process.stdout.write(`${USAGE}\n`);
      return 0;
    }
    years = retentionYears();
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\nRun \`npm run audit -- --help\` for the usage.\n`);
    return 1;
  }
  let target: DatabaseTarget | null = null;
  let pool: pg.Pool | null = null;
  process.on('SIGINT', () => void leaveDatabaseOnSignal().finally(() => process.exit(130)));
  process.on('SIGTERM', () => void leaveDatabaseOnSignal().finally(() => process.exit(143)));
  try {
    const say = (message: string) => process.stderr.write(`${message}\n`);
    target = await openDatabaseTarget(say, 'audit');
    pool = createPool(target.connectionString);
    await migrate(pool, say);
    const { before, removed } = await pruneAuditLog(pool, years, cliActor());
    process.stdout.write(`Removed ${removed.toLocaleString('en-GB')} audit entr${removed === 1 ? 'y' : 'ies'} older than ${before.toISOString()} `
      + `(${years} year${years === 1 ? '' : 's'}); this prune is itself recorded.\n`);
    return 0;
  } finally {
    await pool?.end().catch(() => {});
    await target?.stop().catch(() => {});
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`The audit command failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
