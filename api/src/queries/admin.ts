// What the Admin page lists: users (role and where it comes from, scope, last sign-in, removed), the open
// sessions and the live API tokens; and a user's own tokens for the Tokens page.
import type pg from 'pg';
import { IDLE_EXPIRY_HOURS } from '../access/sessions.js';
import { effectiveRole, userColumns, type UserRow } from '../access/users.js';
import type { AdminSession, AdminToken, AdminUser, ApiToken } from '../schemas/admin.js';

type Queryable = Pick<pg.Pool, 'query'>;

const iso = (date: Date | null) => (date ? date.toISOString() : null);

export function adminUser(row: UserRow & { openSessions: number; liveTokens: number }, localAccounts: boolean): AdminUser {
  const role = effectiveRole(row);
  return {
    id: row.id, email: row.email, name: row.name, role,
    roleSource: row.providerRole ? 'provider' : row.role ? 'granted' : null,
    grantedRole: row.role, providerRole: row.providerRole, scope: row.scope,
    localAccount: localAccounts, hasPassword: row.passwordHash !== null,
    createdAt: row.createdAt.toISOString(), lastSignInAt: iso(row.lastSignInAt), removedAt: iso(row.removedAt),
    openSessions: row.openSessions, liveTokens: row.liveTokens,
  };
}

/** Every user, active ones first, by e-mail. */
export async function listUsers(db: Queryable, localAccounts: boolean, onlyId?: number): Promise<AdminUser[]> {
  const { rows } = await db.query<UserRow & { openSessions: number; liveTokens: number }>(
    `SELECT ${userColumns('u')},
       (SELECT count(*)::int FROM sessions s WHERE s.user_id = u.id AND s.ended_at IS NULL
          AND s.last_seen_at > now() - make_interval(hours => $1)) AS "openSessions",
       (SELECT count(*)::int FROM api_tokens t WHERE t.user_id = u.id AND t.revoked_at IS NULL AND t.expires_at > now()) AS "liveTokens"
     FROM users u
     WHERE $2::bigint IS NULL OR u.id = $2
     ORDER BY u.removed_at IS NOT NULL, u.email`,
    [IDLE_EXPIRY_HOURS, onlyId ?? null],
  );
  return rows.map((row) => adminUser(row, localAccounts));
}

/** Sessions still open (not ended, not idle past the expiry), the latest used first. */
export async function listOpenSessions(db: Queryable, currentIdHash: Buffer | null): Promise<AdminSession[]> {
  const { rows } = await db.query<{
    id: string; userId: number; userEmail: string; userName: string | null; method: string;
    createdAt: Date; lastSeenAt: Date; address: string | null; userAgent: string | null;
  }>(
    `SELECT encode(s.id_hash, 'hex') AS id, u.id AS "userId", u.email AS "userEmail", u.name AS "userName", s.method,
       s.created_at AS "createdAt", s.last_seen_at AS "lastSeenAt", s.address, s.user_agent AS "userAgent"
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.ended_at IS NULL AND s.last_seen_at > now() - make_interval(hours => $1) AND u.removed_at IS NULL
     ORDER BY s.last_seen_at DESC`,
    [IDLE_EXPIRY_HOURS],
  );
  const current = currentIdHash?.toString('hex') ?? null;
  return rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString(), lastSeenAt: r.lastSeenAt.toISOString(), current: r.id === current }));
}

interface TokenRow {
  id: number; name: string; createdAt: Date; expiresAt: Date; lastUsedAt: Date | null; expired: boolean;
  userId: number; userEmail: string; userName: string | null;
}

const TOKEN_SELECT = `SELECT t.id, t.name, t.created_at AS "createdAt", t.expires_at AS "expiresAt", t.last_used_at AS "lastUsedAt",
    t.expires_at <= now() AS expired, u.id AS "userId", u.email AS "userEmail", u.name AS "userName"
  FROM api_tokens t JOIN users u ON u.id = t.user_id`;

const apiToken = (r: TokenRow): ApiToken => ({
  id: r.id, name: r.name, createdAt: r.createdAt.toISOString(), expiresAt: r.expiresAt.toISOString(),
  lastUsedAt: iso(r.lastUsedAt), expired: r.expired,
});

/** Tokens that still work (not revoked, not expired), of every active user: the ones worth revoking. */
export async function listLiveTokens(db: Queryable): Promise<AdminToken[]> {
  const { rows } = await db.query<TokenRow>(
    `${TOKEN_SELECT} WHERE t.revoked_at IS NULL AND t.expires_at > now() AND u.removed_at IS NULL ORDER BY u.email, t.created_at DESC, t.id DESC`);
  return rows.map((r) => ({ ...apiToken(r), userId: r.userId, userEmail: r.userEmail, userName: r.userName }));
}

/** A user's tokens not revoked (expired ones too, so they see why a script stopped), newest first. */
export async function listOwnTokens(db: Queryable, userId: number): Promise<ApiToken[]> {
  const { rows } = await db.query<TokenRow>(`${TOKEN_SELECT} WHERE t.user_id = $1 AND t.revoked_at IS NULL ORDER BY t.created_at DESC, t.id DESC`, [userId]);
  return rows.map(apiToken);
}

/** One token by its id (for the answer to its creation). */
export async function findToken(db: Queryable, id: number): Promise<ApiToken | null> {
  const { rows } = await db.query<TokenRow>(`${TOKEN_SELECT} WHERE t.id = $1`, [id]);
  return rows[0] ? apiToken(rows[0]) : null;
}
