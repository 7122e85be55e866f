// Vitest global setup: one embedded PostgreSQL for the whole run, in a throw-away folder on a free port,
// with a migrated template database that each test file copies (see database.ts).
import type { TestProject } from 'vitest/node';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startEmbeddedPostgres } from '../../api/src/db/embedded.js';
import { createDatabaseIfMissing } from '../../api/src/db/connection.js';
import { createPool } from '../../api/src/db/kysely.js';
import { migrate } from '../../api/src/db/migrate.js';
import { installViews } from '../../api/src/results/refresh.js';
import { freePort } from '../../api/src/net.js';
import { databaseUrl } from './urls.js';
import { withClient } from './client.js';

export const TEMPLATE_DATABASE = 'ehps_template';

export default async function setup(project: TestProject) {
  // A separate server instead of the embedded one (scripts/ci/separate-postgres.sh): the same tests, run the
  // way a DATABASE_URL deployment runs.
  const externalAdminUrl = process.env.EHPS_TEST_ADMIN_URL;
  if (externalAdminUrl) {
    await recreateTemplate(externalAdminUrl);
    project.provide('pgAdminUrl', externalAdminUrl);
    return async () => {};
  }
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'ehps-test-pg-'));
  // The server may run as another user (root cannot run PostgreSQL): it must reach its folder.
  await chmod(dataDir, 0o755);
  const port = await freePort();
  const server = await startEmbeddedPostgres({ dataDir: path.join(dataDir, 'pg'), port, persistent: false, role: 'test' });
  await recreateTemplate(server.connectionString('postgres'));
  project.provide('pgAdminUrl', server.connectionString('postgres'));
  return async () => {
    await server.stop(); // removes its data folder
    await rm(dataDir, { recursive: true, force: true });
  };
}

/** The migrated database, with its views, that each test file copies; made afresh for every run. */
async function recreateTemplate(adminUrl: string): Promise<void> {
  await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DATABASE} WITH (FORCE)`));
  await createDatabaseIfMissing(adminUrl, TEMPLATE_DATABASE);
  const pool = createPool(databaseUrl(adminUrl, TEMPLATE_DATABASE));
  try {
    await migrate(pool);
    await installViews(pool);
  } finally {
    await pool.end();
  }
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgAdminUrl: string;
  }
}
