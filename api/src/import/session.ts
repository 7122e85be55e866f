// The import's database session. Everything an import writes is in one transaction (temporary tables for
// its working rows), so an import killed at any moment leaves the state before it or, once it has
// committed, the state after it; these settings make such an end quick to see and to recover from.
import type pg from 'pg';

/** How an import's session shows in pg_stat_activity while its transaction runs. */
export const IMPORT_APPLICATION_NAME = 'ehps:import';

/**
 * Names the session for the transaction, and has the server check every second that the client is still
 * there while a statement runs: an import killed during a long statement (a refresh, a merge) is rolled back
 * within a second rather than when that statement ends, so the next import does not wait on its locks.
 */
export async function prepareImportSession(client: pg.PoolClient): Promise<void> {
  await client.query(`SELECT set_config('application_name', $1, true)`, [IMPORT_APPLICATION_NAME]);
  // PostgreSQL 14 and later, where the system can tell (Linux, macOS, BSD); elsewhere the setting is refused.
  await client.query('SAVEPOINT connection_check');
  try {
    await client.query(`SELECT set_config('client_connection_check_interval', '1000', true)`);
    await client.query('RELEASE SAVEPOINT connection_check');
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT connection_check');
  }
}
