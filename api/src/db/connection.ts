// Which PostgreSQL the app uses: DATABASE_URL when set, else the embedded server under .data/.
import pg from 'pg';
import { startEmbeddedPostgres } from './embedded.js';
import { projectRoot } from '../paths.js';
import path from 'node:path';

export interface DatabaseTarget {
  connectionString: string;
  embedded: boolean;
  /** Stops the embedded server (a no-op for an external one). */
  stop: () => Promise<void>;
}

export const EMBEDDED_DATABASE = 'ehps';

export async function openDatabaseTarget(log: (message: string) => void = () => {}): Promise<DatabaseTarget> {
  const url = process.env.DATABASE_URL;
  if (url) return { connectionString: url, embedded: false, stop: async () => {} };

  const dataDir = process.env.EHPS_DATA_DIR ?? path.join(projectRoot, '.data', 'pg');
  const port = Number(process.env.EHPS_DB_PORT ?? 54329);
  const server = await startEmbeddedPostgres({ dataDir, port, log });
  await createDatabaseIfMissing(server.connectionString('postgres'), EMBEDDED_DATABASE);
  return { connectionString: server.connectionString(EMBEDDED_DATABASE), embedded: true, stop: server.stop };
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rowCount) {
      const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
    }
  } finally {
    await client.end();
  }
}
