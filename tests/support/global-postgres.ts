// Vitest global setup: one embedded PostgreSQL for the whole run, in a throw-away folder on a free port,
// with a migrated template database that each test file copies (see database.ts).
import type { TestProject } from 'vitest/node';
import { chmod, mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../api/src/db/embedded.js';
import { createDatabaseIfMissing } from '../../api/src/db/connection.js';
import { createPool } from '../../api/src/db/kysely.js';
import { migrate } from '../../api/src/db/migrate.js';
import { installViews } from '../../api/src/results/refresh.js';
import { freePort } from '../../api/src/net.js';

export const TEMPLATE_DATABASE = 'ehps_template';

export default async function setup(project: TestProject) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ehps-test-pg-'));
  // The server may run as another user (root cannot run PostgreSQL): it must reach its folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port, persistent: false, role: 'test' });
  await createDatabaseIfMissing(server.connectionString('postgres'), TEMPLATE_DATABASE);
  const pool = createPool(server.connectionString(TEMPLATE_DATABASE));
  await migrate(pool);
  await installViews(pool);
  await pool.end();
  project.provide('pgAdminUrl', server.connectionString('postgres'));
  project.provide('pgPort', port);
  project.provide('pgDataDir', path.join(dataDir, 'pg'));
  return async () => {
    await server.stop();
  };
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
    pgPort: number;
    pgDataDir: string;
  }
}
