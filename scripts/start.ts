// `npm start`: opens the database (DATABASE_URL, or the embedded server of .data/pg, started here or already
// running for another command), brings its schema and views up to date, loads the scale-1 fixtures on
// first run, then serves the API and the built web app.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ensureFirstRunAdministrator } from '../api/src/access/first-run.js';
import { accessSettings } from '../api/src/access/settings.js';
import { leaveDatabaseOnSignal, openDatabaseTarget, type DatabaseTarget } from '../api/src/db/connection.js';
import { createPool } from '../api/src/db/kysely.js';
import { migrate } from '../api/src/db/migrate.js';
import { importDirectory, formatProblems, type ImportProgress, type ImportReport } from '../api/src/import/index.js';
import { recordImport } from '../api/src/access/import-audit.js';
import { portFromEnvironment } from '../api/src/net.js';
import { projectRoot } from '../api/src/paths.js';
import { DEFAULT_SEED, generateFixtures } from '../fixtures/src/index.js';
import { hasWebApp } from '../api/src/plugins/web.js';
import { installViews } from '../api/src/results/refresh.js';
import { recordImportRun } from '../api/src/history/import-runs.js';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, type RunningServer } from '../api/src/server.js';

const say = (message: string) => process.stderr.write(`${message}\n`);

/** The temporary folder of the first-run fixtures, removed however start-up ends. */
let fixturesDir: string | null = null;

async function loadFirstRunData(pool: ReturnType<typeof createPool>): Promise<void> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM districts');
  if ((rows[0]?.n ?? 0) > 0) return;
  say('The database is empty: generating the scale-1 fixtures and importing them (first run only)...');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ehps-fixtures-'));
  fixturesDir = dir;
  try {
    let last = 0;
    const throttled = (line: string) => {
      const now = Date.now();
      if (now - last > 1000) { last = now; say(`  ${line}`); }
    };
    await generateFixtures({
      scale: 1, seed: DEFAULT_SEED, outDir: dir,
      onProgress: ({ dataset, rows }) => throttled(`generating ${dataset}: ${rows.toLocaleString('en-GB')} rows`),
    });
    say('  fixtures generated; importing...');
    const started = Date.now();
    // Checking, merging and computing the indicators report no progress of their own: say it is still working.
    const heartbeat = setInterval(() => {
      if (Date.now() - last > 15_000) {
        last = Date.now();
        say(`  still importing (checking, merging, computing the indicators; ${Math.round((Date.now() - started) / 1000)} s so far)...`);
      }
    }, 5000);
    // The synthetic fixtures of a first start, loaded by the start command itself (so audited as it).
    const actor = { userId: null, userEmail: 'start:fixtures', address: null };
    let report: ImportReport;
    try {
      report = await importDirectory(pool, dir, {
        importedBy: 'start:fixtures',
        onProgress: (p: ImportProgress) => throttled(`importing ${p.dataset}: ${p.rows.toLocaleString('en-GB')} rows`
          + (p.bytesTotal ? ` (${Math.round((100 * p.bytesRead) / p.bytesTotal)}%)` : '')),
      }).finally(() => clearInterval(heartbeat));
    } catch (error) {
      await recordImport(pool, actor, { dir: 'first-run fixtures' }, error as Error, say);
      throw error;
    }
    await recordImport(pool, actor, { dir: 'first-run fixtures' }, report, say);
    await recordImportRun(pool, { importedBy: 'start:fixtures', source: 'first_start', dryRun: false, replace: false, asAtGiven: null, report });
    if (!report.ok) throw new Error(`The fixtures did not import:\n${formatProblems(report.problems, report.problemCount)}`);
    say(`  imported ${report.files.length} files in ${(report.ms / 1000).toFixed(1)} s.`);
  } finally {
    await rm(dir, { recursive: true, force: true });
    fixturesDir = null;
  }
}

async function main(): Promise<void> {
  let target: DatabaseTarget | undefined;
  let server: RunningServer | undefined;
  let stopping = false;

  let signals = 0;
  let skipDraining = () => {};
  const secondSignal = new Promise<void>((resolve) => { skipDraining = resolve; });
  const shutdown = async (signal: string) => {
    signals += 1;
    if (signals === 2) {
      // Not waiting for requests in progress; this command still leaves the database, so it is stopped
      // unless another command uses it.
      say(`${signal} again: not waiting for requests in progress; leaving the database (once more to exit at once)...`);
      skipDraining();
      return;
    }
    if (signals > 2) {
      say(`${signal} a third time: exiting without leaving the database (it stays up until the next command leaves it).`);
      process.exit(1);
    }
    stopping = true;
    say(server
      ? `${signal}: finishing requests in progress and stopping...`
      : `${signal}: interrupted during start-up; stopping (an unfinished import is rolled back, nothing is kept)...`);
    try {
      if (fixturesDir) await rm(fixturesDir, { recursive: true, force: true });
      await Promise.race([server?.close(), secondSignal]);
      // However far start-up got: also a server launched and not joined yet, or the target being opened.
      await target?.stop();
      await leaveDatabaseOnSignal();
      process.exit(0);
    } catch (error) {
      say(`Error while stopping: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  // Stopping the database under a running step (a signal during the first import) makes its client fail:
  // expected then, and never worth a stack trace otherwise.
  const onUnexpected = (error: unknown) => {
    if (stopping) return;
    say(`Stopped on an unexpected error: ${(error as Error)?.message ?? String(error)}`);
    process.exit(1);
  };
  process.on('uncaughtException', onUnexpected);
  process.on('unhandledRejection', onUnexpected);

  // On a signal, requests in progress finish first; then this command leaves the database, which stops
  // the embedded server unless another command (an import) still uses it.
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    const port = portFromEnvironment('PORT', DEFAULT_PORT, { allowZero: true });
    const host = process.env.HOST || DEFAULT_HOST;
    target = await openDatabaseTarget(say, 'start');
    if (!target.embedded) say('Database: DATABASE_URL');
    const setupPool = createPool(target.connectionString);
    try {
      const applied = await migrate(setupPool, say);
      if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
      await installViews(setupPool, say);
      await loadFirstRunData(setupPool);
    } finally {
      await setupPool.end();
    }
    const webDir = path.join(projectRoot, 'dist', 'web');
    if (!hasWebApp(webDir)) say(`No built web app in ${webDir}: serving the API only. Run npm run build:web to build it.`);
    // PUBLIC_URL defaults to http://HOST:PORT; with PORT=0 the port is known once listening, hence the URL
    // is also worked out again below for the first-run link.
    const access = accessSettings(process.env, { host, port });
    server = await startServer({
      connectionString: target.connectionString,
      host,
      port,
      webDir,
      logger: { level: process.env.LOG_LEVEL ?? 'warn' },
      access,
    });
    say(`EHPS scorecard listening on ${server.address} (API docs at ${server.address}/api/docs)`);
    if (!access.oidc) {
      // First run with local accounts: no user yet, so an administrator and the one line that signs them in.
      const publicUrl = process.env.PUBLIC_URL ? access.publicUrl : server.address;
      const link = await ensureFirstRunAdministrator(server.app.pool, access.adminEmail, publicUrl);
      if (link) say(`First run: sign in as ${access.adminEmail} with this one-time link (valid 24 hours): ${link}`);
    }
    if (stopping) await server.close();
  } catch (error) {
    if (stopping) return; // the signal handler is stopping the process
    say(`Could not start: ${(error as Error).message}`);
    await server?.close().catch(() => {});
    await target?.stop().catch(() => {});
    process.exit(1);
  }
}

void main();
