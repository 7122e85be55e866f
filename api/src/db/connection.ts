// Which PostgreSQL the app uses: DATABASE_URL when set, else the embedded server of the project's data
// folder, started by this command or already running for another (see embedded.ts).
import pg from 'pg';
import { leaveEveryEmbeddedServer, startEmbeddedPostgres } from './embedded.js';
import { portFromEnvironment } from '../net.js';
import { projectRoot } from '../paths.js';
import path from 'node:path';

export interface DatabaseTarget {
  connectionString: string;
  embedded: boolean;
  /** Leaves the database: the embedded server stops when no other command uses it (a no-op for DATABASE_URL). */
  stop: () => Promise<void>;
}

export const EMBEDDED_DATABASE = 'ehps';
export const DEFAULT_EMBEDDED_PORT = 54329;

/**
 * Opens the database of a command. `log` hears what happened to the embedded server (started, already
 * running, left running for another command, stopped, where its data is); `role` names the command in
 * the server's list of sessions (default: the script's name).
 */
export async function openDatabaseTarget(
  log: (message: string) => void = () => {},
  role: string = path.basename(process.argv[1] ?? 'command').replace(/\.[cm]?[jt]s$/, ''),
): Promise<DatabaseTarget> {
  const url = process.env.DATABASE_URL;
  if (url) return { connectionString: url, embedded: false, stop: async () => {} };

  const server = await startEmbeddedPostgres({
    dataDir: process.env.EHPS_DATA_DIR || path.join(projectRoot, '.data', 'pg'),
    isDefaultDataDir: !process.env.EHPS_DATA_DIR,
    projectRoot,
    port: portFromEnvironment('EHPS_DB_PORT', DEFAULT_EMBEDDED_PORT),
    role,
    log,
  });
  try {
    await createDatabaseIfMissing(server.connectionString('postgres'), EMBEDDED_DATABASE);
  } catch (error) {
    await server.stop().catch(() => {});
    throw error;
  }
  return { connectionString: server.connectionString(EMBEDDED_DATABASE), embedded: true, stop: server.stop };
}

/**
 * For a signal handler: leaves the database however far the opening got. A target already open is left
 * as its stop() does; an embedded server this command has launched and not joined yet is stopped (unless
 * another command uses it already), and an opening still in progress fails without starting anything.
 */
export async function leaveDatabaseOnSignal(): Promise<void> {
  await leaveEveryEmbeddedServer();
}

export async function createDatabaseIfMissing(adminUrl: string, name: string, template?: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminUrl });
  // The server may end the connection (shut down by another command): the query in progress fails with it.
  client.on('error', () => {});
  await client.connect();
  try {
    const { rows } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (!rows.length) {
      const from = template ? ` TEMPLATE ${pg.escapeIdentifier(template)}` : '';
      await client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}${from}`);
    }
  } catch (error) {
    // Two commands creating it at once: the other one won (42P04, or 23505 when both got past the check
    // and the catalogue's unique index refused the second).
    const code = (error as { code?: string }).code;
    if (code !== '42P04' && code !== '23505') throw error;
  } finally {
    await client.end();
  }
}
