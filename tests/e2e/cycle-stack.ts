// A server of its own for the monthly-cycle browser test: publishing a month and importing a revised extract
// change what every reader of the database sees, and the other browser tests share the setup's server. So this
// test serves the setup's spare copy of the loaded fixtures (global-setup.ts, `e2eSpareDatabaseUrl`), which no
// other test uses, with the built web app on a free port of its own.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { hashPassword } from '../../api/src/access/passwords.js';
import { upsertUser } from '../../api/src/access/users.js';
import { createDb, createPool } from '../../api/src/db/kysely.js';
import { projectRoot } from '../../api/src/paths.js';
import { loadDatasets } from '../../api/src/queries/coverage.js';
import { startServer } from '../../api/src/server.js';
import type { Role } from '../../shared/roles.js';
import { TEST_SCRYPT } from '../support/auth.js';

export interface CycleUser { email: string; password: string; name: string; role: Role; scope: string[] | null }

export interface CycleStack {
  address: string;
  /** The date the loaded extracts were taken (YYYY-MM-DD): a revised extract of the same day keeps coverage. */
  asAt: string;
  /** A folder of the test's own for the files it writes and downloads. */
  workDir: string;
  stop: () => Promise<void>;
}

/** Adds the users (with passwords) to the spare database and serves the app from it. */
export async function startCycleStack(databaseUrl: string, users: CycleUser[]): Promise<CycleStack> {
  const workDir = await mkdtemp(path.join(os.tmpdir(), 'ehps-e2e-cycle-'));
  const stops: (() => Promise<unknown>)[] = [() => rm(workDir, { recursive: true, force: true })];
  const stop = async () => {
    for (const step of stops) await step().catch((error: Error) => process.stderr.write(`[e2e cycle] stopping: ${error.message}\n`));
  };
  try {
    const pool: pg.Pool = createPool(databaseUrl);
    let asAt: string;
    try {
      for (const user of users) {
        await upsertUser(pool, {
          email: user.email, name: user.name, role: user.role, scope: user.scope,
          passwordHash: await hashPassword(user.password, TEST_SCRYPT),
        });
      }
      const dates = (await loadDatasets(createDb(pool))).filter((d) => d.kind === 'record' && d.asAt).map((d) => d.asAt!).sort();
      asAt = dates.at(-1)!;
    } finally {
      await pool.end();
    }
    const server = await startServer({
      connectionString: databaseUrl,
      webDir: path.join(projectRoot, 'dist', 'web'),
      host: '127.0.0.1',
      port: 0,
      uploads: { dir: path.join(workDir, 'uploads'), maxFileBytes: 64 * 1024 * 1024, idleMs: 60 * 60 * 1000 },
    });
    // The app waits for the board packs it renders after a publication before it closes.
    stops.unshift(() => server.close());
    return { address: server.address, asAt, workDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
