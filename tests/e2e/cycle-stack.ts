// A server of its own for the monthly-cycle browser test: publishing a month and importing a revised extract
// change what every reader of the database sees, and the other browser tests share the setup's server. So this
// test loads the same fixtures into a database of its own on the setup's PostgreSQL and serves the built web app
// from it on a free port; stop() closes the server and drops the database.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { hashPassword } from '../../api/src/access/passwords.js';
import { upsertUser } from '../../api/src/access/users.js';
import type { Role } from '../../shared/roles.js';
import { createDatabaseIfMissing } from '../../api/src/db/connection.js';
import { createPool } from '../../api/src/db/kysely.js';
import { migrate } from '../../api/src/db/migrate.js';
import { formatProblems, importDirectory } from '../../api/src/import/index.js';
import { projectRoot } from '../../api/src/paths.js';
import { installViews } from '../../api/src/results/refresh.js';
import { startServer } from '../../api/src/server.js';
import { DEFAULT_SEED, generateFixtures } from '../../fixtures/src/index.js';
import { TEST_SCRYPT } from '../support/auth.js';

export interface CycleUser { email: string; password: string; name: string; role: Role; scope: string[] | null }

export interface CycleStack {
  address: string;
  /** The fixtures as generated (the test revises one of their files for the Import page). */
  fixturesDir: string;
  /** A folder of the test's own for the files it writes. */
  workDir: string;
  pool: pg.Pool;
  stop: () => Promise<void>;
}

/**
 * Loads the scale-1 fixtures into a new database `name` next to `setupDatabaseUrl`, adds the users (with
 * passwords) and serves the app from it.
 */
export async function startCycleStack(setupDatabaseUrl: string, name: string, users: CycleUser[]): Promise<CycleStack> {
  const adminUrl = new URL(setupDatabaseUrl);
  adminUrl.pathname = '/postgres';
  const databaseUrl = new URL(setupDatabaseUrl);
  databaseUrl.pathname = `/${name}`;
  const dropDatabase = async () => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    client.on('error', () => {});
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  };

  const workDir = await mkdtemp(path.join(os.tmpdir(), 'ehps-e2e-cycle-'));
  const stops: (() => Promise<unknown>)[] = [() => rm(workDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stops) await step().catch((error: Error) => process.stderr.write(`[e2e cycle] stopping: ${error.message}\n`));
  };
  try {
    await dropDatabase(); // a run stopped halfway may have left it
    await createDatabaseIfMissing(adminUrl.toString(), name);
    stops.unshift(dropDatabase);
    const pool = createPool(databaseUrl.toString());
    stops.unshift(() => pool.end());
    await migrate(pool);
    await installViews(pool);
    const fixturesDir = path.join(workDir, 'fixtures');
    await generateFixtures({ scale: 1, seed: DEFAULT_SEED, outDir: fixturesDir });
    const report = await importDirectory(pool, fixturesDir, { importedBy: 'e2e:cycle' });
    if (!report.ok) throw new Error(`The fixtures did not import:\n${formatProblems(report.problems, report.problemCount)}`);
    for (const user of users) {
      await upsertUser(pool, {
        email: user.email, name: user.name, role: user.role, scope: user.scope,
        passwordHash: await hashPassword(user.password, TEST_SCRYPT),
      });
    }
    const uploadsDir = path.join(workDir, 'uploads');
    const server = await startServer({
      connectionString: databaseUrl.toString(),
      webDir: path.join(projectRoot, 'dist', 'web'),
      host: '127.0.0.1',
      port: 0,
      uploads: { dir: uploadsDir, maxFileBytes: 200 * 1024 * 1024, idleMs: 60 * 60 * 1000 },
    });
    // The app waits for the packs it renders in the background before it closes.
    stops.unshift(() => server.close());
    return { address: server.address, fixturesDir, workDir, pool, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
