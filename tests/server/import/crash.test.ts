// An import killed at any moment (kill -9 of the command) leaves the state before it or, once it has
// committed, the state after it, never a mix; it leaves nothing behind, and the next import succeeds. The
// command runs as an operator runs it (scripts/import.ts, in a process of its own) and is killed when the
// test sees its session (application_name ehps:import) in the step named.
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importDirectory } from '../../../api/src/import/index.js';
import { IMPORT_APPLICATION_NAME } from '../../../api/src/import/session.js';
import { projectRoot } from '../../../api/src/paths.js';
import type pg from 'pg';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { writeExtract } from './extracts.js';
import { scratchFolder, type Scratch } from './helpers.js';

/** Large enough that each step named below lasts long enough to be seen (the absence file is over 1 MB). */
const SIZE = 8000;
const DISTRICTS = [['DAR', 'Dartford', 'NORTH', 'North Kent'], ['MAI', 'Maidstone', 'WEST', 'West Kent']] as const;

let scratch: Scratch;
let seedA: string;
let seedB: string;
/** The killed imports run against these: one holding seed A (replaced by seed B), one empty (loading seed A). */
let loaded: TestDatabase;
let empty: TestDatabase;
/** What a completed import leaves: seed A loaded, then seed B as full extracts. */
let stateA: State;
let stateB: State;

/** Each table's row count and checksum, and every relation (tables, indexes, views) by schema, name and kind. */
interface State { tables: Record<string, string>; relations: string[] }

/** What differs from one database to another for the same imports: when, how often, by whom (the command line or
 * the test's own import), and the cache counter. */
const BOOKKEEPING: Record<string, string> = {
  import_log: '(t.dataset, t.file_name, t.rows_in_file, t.replaced)',
  dataset_coverage: '(t.dataset, t.as_at, t.first_event, t.last_event, t.covered_from, t.covered_to, t.row_count)',
  schema_migrations: '(t.name)',
  results_version: 'NULL',
};

/** Who ran which import and when: the command line records its runs, the test's own import does not. */
const RUN_RECORDS = new Set(['audit_log', 'import_runs']);

async function stateOf(pool: pg.Pool, { acrossDatabases = false } = {}): Promise<State> {
  const { rows: tables } = await pool.query<{ name: string }>(`
    SELECT c.relname AS name FROM pg_class c
    WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'p') ORDER BY 1`);
  const checksums: Record<string, string> = {};
  for (const { name } of tables) {
    if (acrossDatabases && RUN_RECORDS.has(name)) continue;
    // Across databases, the bookkeeping tables by what they say, once each (an import repeated logs again).
    const rows = acrossDatabases && BOOKKEEPING[name] ? `(SELECT DISTINCT ${BOOKKEEPING[name]} AS t FROM "${name}" t)` : `"${name}"`;
    const { rows: [sum] } = await pool.query<{ n: number; sum: string }>(
      `SELECT count(*)::int AS n, coalesce(sum(hashtext(t::text)::bigint), 0)::text AS sum FROM ${rows} t`);
    checksums[name] = `${sum!.n} rows, checksum ${sum!.sum}`;
  }
  const { rows: relations } = await pool.query<{ relation: string }>(`
    SELECT n.nspname || '.' || c.relname || ' (' || c.relkind::text || ')' AS relation FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\\_toast%' AND n.nspname NOT LIKE 'pg\\_temp%'
    ORDER BY 1`);
  return { tables: checksums, relations: relations.map((r) => r.relation) };
}

/** Nothing of a killed import is left: no session, temporary table, lock, prepared transaction or invalid index. */
async function expectNothingLeftBehind(pool: pg.Pool): Promise<void> {
  const { rows: [left] } = await pool.query(`SELECT
      (SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1)::int AS sessions,
      (SELECT count(*) FROM pg_class WHERE relpersistence = 't')::int AS temporary_tables,
      (SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database WHERE d.datname = current_database() AND l.locktype = 'advisory')::int AS advisory_locks,
      (SELECT count(*) FROM pg_prepared_xacts)::int AS prepared,
      (SELECT count(*) FROM pg_index WHERE NOT indisvalid OR NOT indisready)::int AS invalid_indexes`, [IMPORT_APPLICATION_NAME]);
  expect(left).toEqual({ sessions: 0, temporary_tables: 0, advisory_locks: 0, prepared: 0, invalid_indexes: 0 });
}

function runImport(t: TestDatabase, args: readonly string[]) {
  // node with tsx's loader, not npx or npm: the process killed is the one holding the database connection.
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/import.ts', ...args], {
    cwd: projectRoot, env: { ...process.env, DATABASE_URL: t.url }, detached: true, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => { stderr += chunk; });
  child.stdout!.on('data', (chunk) => { stderr += chunk; });
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { child, exited, stderr: () => stderr };
}

/** Waits for the command to end; should it hang, what its database is doing is printed every half minute. */
async function exitCodeOf(t: TestDatabase, run: ReturnType<typeof runImport>): Promise<number | null> {
  const watch = setInterval(() => {
    void t.pool.query(`SELECT pid, application_name, state, wait_event_type, wait_event, now() - query_start AS running, left(query, 100) AS query
      FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`)
      .then(({ rows }) => console.warn('the import is still running:', rows), () => {});
  }, 30_000);
  try {
    return await run.exited;
  } finally {
    clearInterval(watch);
  }
}

/**
 * Runs the import command and kills it (SIGKILL, the whole process group) as soon as its session is active
 * in the step `where` describes (a condition on pg_stat_activity `a` and pg_stat_progress_copy `c`). Waits
 * for the server to end the killed session, and returns whether the step was reached before the command ended.
 */
async function killImportWhen(t: TestDatabase, args: readonly string[], where: string): Promise<{ killed: boolean; exitCode: number | null }> {
  const run = runImport(t, args);
  let done = false;
  void run.exited.then(() => { done = true; });
  const poller = await t.pool.connect();
  try {
    while (!done) {
      const { rows } = await poller.query<{ pid: number }>(`
        SELECT a.pid FROM pg_stat_activity a LEFT JOIN pg_stat_progress_copy c ON c.pid = a.pid
        WHERE a.datname = current_database() AND a.application_name = $1 AND a.backend_type = 'client backend' AND a.state = 'active'
          AND (${where})`, [IMPORT_APPLICATION_NAME]);
      if (rows.length === 0) continue;
      process.kill(-run.child.pid!, 'SIGKILL');
      await run.exited;
      // The server ends the session once it sees the client gone: at once when it was reading from it, within
      // the connection check interval when it was running a statement.
      while ((await poller.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [rows[0]!.pid])).rowCount) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return { killed: true, exitCode: null };
    }
    return { killed: false, exitCode: await run.exited };
  } finally {
    poller.release();
  }
}

beforeAll(async () => {
  scratch = await scratchFolder();
  seedA = `${scratch.dir}/seed-a`;
  seedB = `${scratch.dir}/seed-b`;
  await writeExtract(seedA, { seed: 'A', size: SIZE, districts: DISTRICTS });
  await writeExtract(seedB, { seed: 'B', size: SIZE, districts: DISTRICTS });
  [loaded, empty] = await Promise.all([createTestDatabase(), createTestDatabase()]);
  // What completed imports leave, computed in a database of its own.
  const reference = await createTestDatabase();
  try {
    for (const [dir, replace] of [[seedA, false], [seedB, true]] as const) {
      const report = await importDirectory(reference.pool, dir, { replace });
      expect(report.ok ? [] : report.problems).toEqual([]);
      if (!replace) stateA = await stateOf(reference.pool, { acrossDatabases: true });
    }
    stateB = await stateOf(reference.pool, { acrossDatabases: true });
  } finally {
    await reference.drop();
  }
  expect((await importDirectory(loaded.pool, seedA)).ok).toBe(true);
});
afterAll(async () => {
  await Promise.all([loaded?.drop(), empty?.drop()]);
  await scratch.remove();
});

describe('an import of full extracts killed over loaded data', () => {
  const steps: [string, string][] = [
    ['the COPY of a file into its staging table', `a.query LIKE 'COPY pg\\_temp.import\\_stage ("pupil\\_id"%' AND c.tuples_processed > 0`],
    ['the removal of the rows a full extract no longer has, from a table others refer to', `a.query LIKE 'WITH removed AS (DELETE FROM "cc\\_registrations"%'`],
    ['the staged merge into the table', `a.query LIKE 'INSERT INTO "pupil\\_absence"%'`],
    ['the refresh of a materialized view', `a.query LIKE 'REFRESH MATERIALIZED VIEW%'`],
    ['the INSERT into indicator_results', `a.query LIKE '%INSERT INTO indicator\\_results%'`],
  ];
  it.each(steps)('killed during %s, leaves the previous state and nothing else', async (_step, where) => {
    const before = await stateOf(loaded.pool);
    const run = await killImportWhen(loaded, ['--replace', '--dir', seedB], where);
    expect(run, 'the import reached the step before it ended').toEqual({ killed: true, exitCode: null });
    expect(await stateOf(loaded.pool)).toEqual(before);
    await expectNothingLeftBehind(loaded.pool);
  });

  it('killed just before or at its commit (or just after it, if the commit is too quick to see), leaves the previous state or the new one', async () => {
    const before = await stateOf(loaded.pool, { acrossDatabases: true });
    expect(before).toEqual(stateA);
    // The last statement before the commit, or the commit itself.
    const run = await killImportWhen(loaded, ['--replace', '--dir', seedB], `a.query IN ('ANALYZE indicator_results', 'COMMIT')`);
    expect(run.exitCode ?? 0).toBe(0);
    const after = await stateOf(loaded.pool, { acrossDatabases: true });
    expect([stateA, stateB]).toContainEqual(after);
    await expectNothingLeftBehind(loaded.pool);
  });

  it('the next import of the same folder succeeds and leaves the new state', async () => {
    const run = runImport(loaded, ['--replace', '--dir', seedB]);
    expect(await exitCodeOf(loaded, run), run.stderr()).toBe(0);
    expect(await stateOf(loaded.pool, { acrossDatabases: true })).toEqual(stateB);
    await expectNothingLeftBehind(loaded.pool);
  });
});

describe("a killed import's session", () => {
  it('is ended by the server within its connection check, not left running its statement (and holding its locks) to the end', async () => {
    // Without the check, the killed session's statement would run for an hour and the test time out.
    const child = spawn(process.execPath, ['--import', 'tsx', 'tests/server/import/hold-import-session.ts'], {
      cwd: projectRoot, env: { ...process.env, DATABASE_URL: empty.url }, detached: true, stdio: 'ignore',
    });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    let pid: number | undefined;
    while (pid === undefined) {
      const { rows } = await empty.pool.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE application_name = $1 AND state = 'active' AND query LIKE 'SELECT pg\\_sleep%'", [IMPORT_APPLICATION_NAME]);
      pid = rows[0]?.pid;
    }
    process.kill(-child.pid!, 'SIGKILL');
    await exited;
    while ((await empty.pool.query('SELECT 1 FROM pg_stat_activity WHERE pid = $1', [pid])).rowCount) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await expectNothingLeftBehind(empty.pool);
  });
});

describe('a first import killed while it loads empty tables in one pass', () => {
  const steps: [string, string][] = [
    ['the COPY straight into the emptied table, its indexes dropped', `a.query LIKE 'COPY "pupil\\_absence"%' AND c.tuples_processed > 0`],
    ["the rebuild of the table's key", `a.query LIKE 'ALTER TABLE "pupil\\_absence" ADD CONSTRAINT%'`],
  ];
  it.each(steps)('killed during %s, leaves the tables empty with their keys and indexes', async (_step, where) => {
    const before = await stateOf(empty.pool);
    const run = await killImportWhen(empty, ['--dir', seedA], where);
    expect(run, 'the import reached the step before it ended').toEqual({ killed: true, exitCode: null });
    expect(await stateOf(empty.pool)).toEqual(before);
    await expectNothingLeftBehind(empty.pool);
  });

  it('the next import succeeds', async () => {
    // What autovacuum does whenever it comes round to the killed loads' dead rows (statistics.test.ts): the
    // next import must not plan from that.
    await empty.pool.query('ANALYZE');
    const run = runImport(empty, ['--dir', seedA]);
    expect(await exitCodeOf(empty, run), run.stderr()).toBe(0);
    expect(await stateOf(empty.pool, { acrossDatabases: true })).toEqual(stateA);
    await expectNothingLeftBehind(empty.pool);
  });
});
