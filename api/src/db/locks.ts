// The advisory locks that keep the product's writers out of one another's way (keys of this database).
import type pg from 'pg';

/** Held by migrate() for the whole of its run: one migrator at a time (two processes starting together). */
export const MIGRATION_LOCK = 724153;

/**
 * Held by every transaction that writes the data or the results (an import, a refresh on its own, a
 * re-install of the views), until it commits: they run one after another, never interleaved. Readers
 * never take it.
 */
export const DATA_LOCK = 724154;

/** Told, before a wait begins, who holds the lock waited for. */
export type OnLockWait = (message: string) => void;

const WAITING_FOR: Record<number, string> = {
  [DATA_LOCK]: 'another import, refresh or install of the indicator views to finish',
  [MIGRATION_LOCK]: 'another command migrating the database to finish',
};

/**
 * Takes one of the locks above, for the transaction (`xact`) or the session, waiting as long as it takes.
 * When another session holds it, `onWait` first hears which one and since when: a wait that never ends
 * (a session left idle in its transaction, say) then names what to end.
 */
export async function takeLock(
  client: pg.ClientBase, key: number, scope: 'xact' | 'session', onWait?: OnLockWait,
): Promise<void> {
  const [tryLock, lock] = scope === 'xact'
    ? ['pg_try_advisory_xact_lock', 'pg_advisory_xact_lock'] : ['pg_try_advisory_lock', 'pg_advisory_lock'];
  if (onWait) {
    const { rows: [attempt] } = await client.query<{ taken: boolean }>(`SELECT ${tryLock}($1) AS taken`, [key]);
    if (attempt!.taken) return;
    onWait(await describeWait(client, key));
  }
  await client.query(`SELECT ${lock}($1)`, [key]);
}

/** "Waiting for …: pid 123 (ehps:import, active), in its transaction since … (2 min 5 s), running: …". */
async function describeWait(client: pg.ClientBase, key: number): Promise<string> {
  // A bigint key below 2^32 shows in pg_locks as classid 0, objid the key, objsubid 1.
  const { rows } = await client.query<{
    pid: number; application: string; state: string; inTransaction: boolean; since: string; seconds: number; query: string;
  }>(`
    SELECT a.pid, coalesce(nullif(a.application_name, ''), 'no application name') AS application,
           coalesce(a.state, 'unknown') AS state, a.xact_start IS NOT NULL AS "inTransaction",
           to_char(coalesce(a.xact_start, a.backend_start) AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS "UTC"') AS since,
           floor(extract(epoch FROM now() - coalesce(a.xact_start, a.backend_start)))::int AS seconds,
           left(regexp_replace(a.query, '\\s+', ' ', 'g'), 80) AS query
    FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid
    WHERE l.locktype = 'advisory' AND l.granted AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
      AND l.classid = 0 AND l.objid = $1::oid AND l.objsubid = 1 AND l.pid <> pg_backend_pid()`, [key]);
  const holders = rows.map((h) => `pid ${h.pid} (${h.application}, ${h.state}), ${h.inTransaction ? 'in its transaction' : 'connected'} since ${h.since} ` +
    `(${duration(h.seconds)}), ${h.state === 'active' ? 'running' : 'last ran'}: ${h.query.trim()}`);
  return `Waiting for ${WAITING_FOR[key] ?? `advisory lock ${key}`}${holders.length ? `: ${holders.join('; ')}` : ''}...`;
}

function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}
