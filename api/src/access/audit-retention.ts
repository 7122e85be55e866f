// Retention of the audit log (access.md, "Audit"): entries older than AUDIT_RETENTION_YEARS (default 7) are
// removed only by `npm run audit -- prune`. The table's trigger refuses every delete unless the transaction
// sets ehps.audit_prune_before, and then only of entries older than it (migration 0012).
import type pg from 'pg';
import { inTransaction } from '../db/transaction.js';
import { recordAudit, type AuditEntry } from './audit.js';

export const DEFAULT_AUDIT_RETENTION_YEARS = 7;

/** AUDIT_RETENTION_YEARS: a whole number of years, at least 1. */
export function retentionYears(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.AUDIT_RETENTION_YEARS?.trim();
  if (!text) return DEFAULT_AUDIT_RETENTION_YEARS;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1000) {
    throw new Error(`AUDIT_RETENTION_YEARS must be a whole number of years from 1 to 1000, got "${env.AUDIT_RETENTION_YEARS}"`);
  }
  return Number(text);
}

export interface PruneResult { before: Date; removed: number }

/** Removes the entries older than the retention, and records that it did, in one transaction. */
export async function pruneAuditLog(pool: pg.Pool, years: number, actor: Pick<AuditEntry, 'userId' | 'userEmail' | 'address'>): Promise<PruneResult> {
  return inTransaction(pool, async (client) => {
    const { rows } = await client.query<{ before: Date }>(
      `SELECT set_config('ehps.audit_prune_before', (now() - make_interval(years => $1))::text, true)::timestamptz AS before`, [years]);
    const before = rows[0]!.before;
    const { rowCount } = await client.query('DELETE FROM audit_log WHERE at < $1', [before]);
    const removed = rowCount ?? 0;
    await recordAudit(client, { ...actor, action: 'audit_pruned', object: 'audit_log', details: { retentionYears: years, before: before.toISOString(), removed } });
    return { before, removed };
  });
}
