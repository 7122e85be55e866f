// `npm start`: opens the database (DATABASE_URL, or the embedded server in .data/), brings its schema and
// views up to date, loads the scale-1 fixtures on first run, then serves the API and the built web app.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { openDatabaseTarget, type DatabaseTarget } from '../api/src/db/connection.js';
import { createPool } from '../api/src/db/kysely.js';
import { migrate } from '../api/src/db/migrate.js';
import { importDirectory, formatProblems, type ImportProgress } from '../api/src/import/index.js';
import { projectRoot } from '../api/src/paths.js';
import { hasWebApp } from '../api/src/plugins/web.js';
import { installViews } from '../api/src/results/refresh.js';
import { DEFAULT_HOST, DEFAULT_PORT, startServer, type RunningServer } from '../api/src/server.js';

const say = (message: string) => process.stderr.write(`${message}\n`);

interface FixturesModule {
  DEFAULT_SEED: number | string;
  generateFixtures: (options: {
    scale: number; seed: number | string; outDir: string;
    onProgress?: (progress: unknown) => void;
  }) => Promise<unknown>;
}

/** The fixture generator, loaded only when a first run needs it. */
async function loadFixtures(): Promise<FixturesModule> {
  const modulePath = '../fixtures/src/index.js';
  try {
    return (await import(modulePath)) as FixturesModule;
  } catch (error) {
    throw new Error('The database is empty and the fixture generator (fixtures/src/index.ts) could not be loaded: '
      + `${(error as Error).message}. Import data with npm run import, or set DATABASE_URL to a loaded database.`, { cause: error });
  }
}

function describeProgress(progress: unknown): string {
  if (progress && typeof progress === 'object') {
    const p = progress as Record<string, unknown>;
    const what = p.dataset ?? p.file ?? p.stage ?? '';
    const rows = typeof p.rows === 'number' ? ` ${p.rows.toLocaleString('en-GB')} rows` : '';
    return `${String(what)}${rows}`.trim();
  }
  return String(progress);
}

async function loadFirstRunData(pool: ReturnType<typeof createPool>): Promise<void> {
  const { rows } = await pool.query<{ n: number }>('SELECT count(*)::int AS n FROM districts');
  if ((rows[0]?.n ?? 0) > 0) return;
  say('The database is empty: generating the scale-1 fixtures and importing them (first run only)...');
  const fixtures = await loadFixtures();
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ehps-fixtures-'));
  try {
    let last = 0;
    const throttled = (line: string) => {
      const now = Date.now();
      if (now - last > 1000) { last = now; say(`  ${line}`); }
    };
    await fixtures.generateFixtures({
      scale: 1, seed: fixtures.DEFAULT_SEED, outDir: dir,
      onProgress: (progress) => throttled(`generating ${describeProgress(progress)}`),
    });
    say('  fixtures generated; importing...');
    const report = await importDirectory(pool, dir, {
      onProgress: (p: ImportProgress) => throttled(`importing ${p.dataset}: ${p.rows.toLocaleString('en-GB')} rows`
        + (p.bytesTotal ? ` (${Math.round((100 * p.bytesRead) / p.bytesTotal)}%)` : '')),
    });
    if (!report.ok) throw new Error(`The fixtures did not import:\n${formatProblems(report.problems, report.problemCount)}`);
    say(`  imported ${report.files.length} files in ${(report.ms / 1000).toFixed(1)} s.`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function readPort(): number {
  const raw = process.env.PORT;
  if (raw === undefined || raw === '') return DEFAULT_PORT;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be a port number (0-65535), got '${raw}'`);
  return port;
}

async function main(): Promise<void> {
  let target: DatabaseTarget | undefined;
  let server: RunningServer | undefined;
  let stopping = false;

  const shutdown = async (signal: string) => {
    if (stopping) {
      say(`${signal} again: exiting without waiting.`);
      process.exit(1);
    }
    stopping = true;
    say(`${signal}: finishing requests in progress and stopping...`);
    try {
      await server?.close();
      await target?.stop();
      process.exit(0);
    } catch (error) {
      say(`Error while stopping: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  try {
    const port = readPort();
    const host = process.env.HOST || DEFAULT_HOST;
    target = await openDatabaseTarget((message) => { if (process.env.EHPS_DB_LOG) say(message); });
    say(target.embedded ? 'Database: the embedded PostgreSQL in .data/' : 'Database: DATABASE_URL');
    const setupPool = createPool(target.connectionString);
    try {
      const applied = await migrate(setupPool);
      if (applied.length) say(`Applied migrations: ${applied.join(', ')}`);
      await installViews(setupPool);
      await loadFirstRunData(setupPool);
    } finally {
      await setupPool.end();
    }
    const webDir = path.join(projectRoot, 'dist', 'web');
    if (!hasWebApp(webDir)) say(`No built web app in ${webDir}: serving the API only. Run npm run build:web to build it.`);
    server = await startServer({
      connectionString: target.connectionString,
      host,
      port,
      webDir,
      logger: { level: process.env.LOG_LEVEL ?? 'warn' },
    });
    say(`EHPS scorecard listening on ${server.address} (API docs at ${server.address}/api/docs)`);
    if (stopping) await server.close();
  } catch (error) {
    say(`Could not start: ${(error as Error).message}`);
    await server?.close().catch(() => {});
    await target?.stop().catch(() => {});
    process.exit(1);
  }
}

void main();
