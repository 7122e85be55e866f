// Vitest global setup of the end-to-end tests: builds the web app, starts an embedded PostgreSQL in a
// throw-away folder, loads generated fixtures through the importer and serves the app on a free port.
import type { TestProject } from 'vitest/node';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import pgClient from 'pg';
import { ensureFirstRunAdministrator } from '../../api/src/access/first-run.js';
import { hashPassword } from '../../api/src/access/passwords.js';
import { createApiToken } from '../../api/src/access/tokens.js';
import { upsertUser } from '../../api/src/access/users.js';
import { createDatabaseIfMissing } from '../../api/src/db/connection.js';
import { startEmbeddedPostgres } from '../../api/src/db/embedded.js';
import { createPool } from '../../api/src/db/kysely.js';
import { migrate } from '../../api/src/db/migrate.js';
import { formatProblems, importDirectory } from '../../api/src/import/index.js';
import { projectRoot } from '../../api/src/paths.js';
import { installViews } from '../../api/src/results/refresh.js';
import { startServer } from '../../api/src/server.js';
import { DEFAULT_SEED, generateFixtures } from '../../fixtures/src/index.js';
import { freePort } from '../../api/src/net.js';

/** Fixture scale for the browser tests (EHPS_E2E_SCALE); the generator calibrates to the plan's figures at scale 1. */
const SCALE = Number(process.env.EHPS_E2E_SCALE ?? '1');

export const say = (message: string) => process.stderr.write(`[e2e] ${message}\n`);

export interface E2eStack {
  /** e.g. http://127.0.0.1:40123 */
  address: string;
  /** What the import of the fixtures records as its author (the Data page's "By"). */
  importedBy: string;
  /** Who the browser tests sign in as (a viewer with a password), and an API token of theirs for fetch(). */
  viewer: E2eViewer;
  /** The first-run administrator's one-time link (single use: the sign-in test opens it). */
  firstRunLink: string;
  /** The loaded database, and the built web app, for a test that serves them with other settings. */
  connectionString: string;
  /** A copy of the loaded database no server uses, for a test that changes data on a server of its own. */
  spareConnectionString: string;
  webDir: string;
  stop: () => Promise<void>;
}

export interface E2eViewer { email: string; password: string; token: string }

/** The first-run administrator, and a viewer with a password and a token, made once the server listens. */
async function createE2eUsers(pool: ReturnType<typeof createPool>, address: string): Promise<{ viewer: E2eViewer; firstRunLink: string }> {
  const firstRunLink = await ensureFirstRunAdministrator(pool, 'admin@localhost', address);
  if (!firstRunLink) throw new Error('the e2e database already has users');
  const viewer = { email: 'viewer@e2e.example', password: 'a viewer password for the browser tests' };
  const user = await upsertUser(pool, { email: viewer.email, name: 'Vera Viewer', role: 'viewer', passwordHash: await hashPassword(viewer.password) });
  return { viewer: { ...viewer, token: await createApiToken(pool, user.id, 'e2e') }, firstRunLink };
}

/** Recorded as the author of the fixtures' import, as `npm start` records `start:fixtures`. */
export const E2E_IMPORTED_BY = 'e2e:fixtures';

/** The spare copy of the loaded fixtures (see E2eStack.spareConnectionString). */
const SPARE_DATABASE = 'ehps_e2e_spare';

/** CREATE DATABASE … TEMPLATE as a copy of the files: seconds, where loading the fixtures again takes minutes. */
async function copyDatabase(adminUrl: string, from: string, to: string): Promise<void> {
  const client = new pgClient.Client({ connectionString: adminUrl });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${pgClient.escapeIdentifier(to)} TEMPLATE ${pgClient.escapeIdentifier(from)} STRATEGY = FILE_COPY`);
  } finally {
    await client.end();
  }
}

/** Builds the web app and serves it with a freshly loaded database; stop() undoes everything. */
export async function startE2eStack(): Promise<E2eStack> {
  const webDir = path.join(projectRoot, 'dist', 'web');
  say('building the web app...');
  // In a child process: Vitest sets NODE_ENV=test, which would give React's development build.
  execFileSync(process.execPath, [path.join(projectRoot, 'node_modules', 'vite', 'bin', 'vite.js'), 'build', '--logLevel', 'warn'], {
    cwd: projectRoot,
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });

  const tmp = await mkdtemp(path.join(os.tmpdir(), 'ehps-e2e-'));
  const stops: (() => Promise<unknown>)[] = [() => rm(tmp, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stops) await step().catch((error: Error) => say(`stopping: ${error.message}`));
  };
  try {
    await chmod(tmp, 0o755); // PostgreSQL may run as another user (root cannot run it).
    const pg = await startEmbeddedPostgres({ dataDir: path.join(tmp, 'pg'), port: await freePort(), persistent: false, role: 'e2e' });
    stops.unshift(() => pg.stop());
    await createDatabaseIfMissing(pg.connectionString('postgres'), 'ehps_e2e');
    const connectionString = pg.connectionString('ehps_e2e');
    const pool = createPool(connectionString);
    try {
      await migrate(pool);
      await installViews(pool);
      say(`generating fixtures at scale ${SCALE}...`);
      const fixtures = path.join(tmp, 'fixtures');
      await generateFixtures({ scale: SCALE, seed: DEFAULT_SEED, outDir: fixtures });
      say('importing (under a minute at scale 1)...');
      const report = await importDirectory(pool, fixtures, { importedBy: E2E_IMPORTED_BY });
      if (!report.ok) throw new Error(`The fixtures did not import:\n${formatProblems(report.problems, report.problemCount)}`);
      await rm(fixtures, { recursive: true, force: true });
    } finally {
      await pool.end();
    }
    // Copied before anything connects to the loaded database (a template must have no session).
    const spareConnectionString = await copyDatabase(pg.connectionString('postgres'), 'ehps_e2e', SPARE_DATABASE)
      .then(() => pg.connectionString(SPARE_DATABASE));
    const server = await startServer({ connectionString, webDir, host: '127.0.0.1', port: Number(process.env.PORT ?? 0) });
    stops.unshift(() => server.close());
    const { viewer, firstRunLink } = await createE2eUsers(server.app.pool, server.address);
    say(`serving on ${server.address}`);
    return { address: server.address, importedBy: E2E_IMPORTED_BY, viewer, firstRunLink, connectionString, spareConnectionString, webDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** EHPS_E2E_URL: run the tests against a server already running (see serve.ts) instead of starting one. */
export default async function setup(project: TestProject) {
  const given = process.env.EHPS_E2E_URL;
  if (given) {
    project.provide('e2eBaseUrl', given.replace(/\/$/, ''));
    // Its data may have been loaded by anyone (npm start, the import command, serve.ts).
    project.provide('e2eImportedBy', null);
    // Its users: as serve.ts prints them.
    const { EHPS_E2E_EMAIL: email, EHPS_E2E_PASSWORD: password, EHPS_E2E_TOKEN: token } = process.env;
    if (!email || !password || !token) throw new Error('EHPS_E2E_URL needs EHPS_E2E_EMAIL, EHPS_E2E_PASSWORD and EHPS_E2E_TOKEN (a viewer; serve.ts prints them)');
    project.provide('e2eViewer', { email, password, token });
    project.provide('e2eFirstRunLink', process.env.EHPS_E2E_FIRST_RUN_LINK ?? null);
    // Its database, when given (serve.ts prints it), for the tests that need one.
    project.provide('e2eDatabaseUrl', process.env.EHPS_E2E_DATABASE_URL ?? null);
    // The spare copy is changed by the test that serves it (a month published): not reused across runs.
    project.provide('e2eSpareDatabaseUrl', null);
    return;
  }
  const stack = await startE2eStack();
  project.provide('e2eBaseUrl', stack.address);
  project.provide('e2eImportedBy', stack.importedBy);
  project.provide('e2eViewer', stack.viewer);
  project.provide('e2eFirstRunLink', stack.firstRunLink);
  project.provide('e2eDatabaseUrl', stack.connectionString);
  project.provide('e2eSpareDatabaseUrl', stack.spareConnectionString);
  return stack.stop;
}

declare module 'vitest' {
  export interface ProvidedContext {
    e2eBaseUrl: string;
    /** The author the setup's import recorded; null when the tests run against a server started elsewhere. */
    e2eImportedBy: string | null;
    /** The viewer the browser tests sign in as, with their password and an API token. */
    e2eViewer: E2eViewer;
    /** The first-run administrator's unused one-time link; null against a server started elsewhere. */
    e2eFirstRunLink: string | null;
    /** The database behind e2eBaseUrl, for a test serving it with other settings (sign-in); null when the server was started elsewhere (unless EHPS_E2E_DATABASE_URL names it). */
    e2eDatabaseUrl: string | null;
    /** An untouched copy of the loaded fixtures no server uses (cycle.e2e.test.ts serves it itself); null as above. */
    e2eSpareDatabaseUrl: string | null;
  }
}
