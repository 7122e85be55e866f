// The audit log (append-only: migration 0012's triggers refuse any update or delete). One function writes
// every entry, so each event has the same shape: who, from where, what, on which object, with details.
import type { FastifyRequest } from 'fastify';
import type { Queryable } from './db.js';

export interface AuditEntry {
  userId: number | null;
  /** The e-mail at the time (kept if the user is later removed or renamed). */
  userEmail: string | null;
  address: string | null;
  /** e.g. 'sign_in', 'sign_in_failed', 'sign_out', 'first_run', 'export', 'token_created'. */
  action: string;
  /** What it acted on: a route, a token's name, a user's e-mail, a month. */
  object?: string | null;
  details?: Record<string, unknown>;
}

export async function recordAudit(db: Queryable, entry: AuditEntry): Promise<void> {
  await db.query(
    `INSERT INTO audit_log (user_id, user_email, address, action, object, details)
     VALUES ($1, $2, $3, $4, $5, $6::jsonb)`,
    [entry.userId, entry.userEmail, entry.address, entry.action, entry.object ?? null, JSON.stringify(entry.details ?? {})],
  );
}

/** Who and from where, for an entry about a request (signed in or not). */
export function auditActor(request: FastifyRequest): Pick<AuditEntry, 'userId' | 'userEmail' | 'address'> {
  return { userId: request.user?.id ?? null, userEmail: request.user?.email ?? null, address: request.ip };
}
