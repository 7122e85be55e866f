// API tokens for analysts' scripts: `Authorization: Bearer <token>` acts as the token's user with that
// user's effective role. The token is shown once and stored as its SHA-256; each has a name, an expiry
// (default 90 days) and a last-used time (written at most once a minute). Revoked, expired, a removed
// user's or a user without a role: refused.
import { forgetCachedAccess, registerCache } from './cache.js';
import type { Queryable } from './db.js';
import { newSecret, sha256 } from './secrets.js';
import { TOUCH_INTERVAL_SECONDS } from './sessions.js';
import { signedInUser, userColumns, type SignedInUser, type UserRow } from './users.js';

export const TOKEN_PREFIX = 'ehps_';
export const DEFAULT_TOKEN_DAYS = 90;

export interface ApiTokenRow {
  id: number;
  userId: number;
  name: string;
  createdAt: Date;
  expiresAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

const TOKEN_COLUMNS = `id, user_id AS "userId", name, created_at AS "createdAt", expires_at AS "expiresAt",
  last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`;

/** Creates a token for the user and returns its text: the only time it exists outside the caller. */
export async function createApiToken(db: Queryable, userId: number, name: string, days = DEFAULT_TOKEN_DAYS): Promise<string> {
  if (!name.trim()) throw new Error('a token needs a name');
  if (!Number.isInteger(days) || days < 1 || days > 3650) throw new Error(`a token lasts from 1 to 3650 days, not ${days}`);
  const token = `${TOKEN_PREFIX}${newSecret()}`;
  await db.query(
    `INSERT INTO api_tokens (user_id, name, token_hash, expires_at) VALUES ($1, $2, $3, now() + make_interval(days => $4))`,
    [userId, name.trim(), sha256(token), days],
  );
  return token;
}

/** Revokes a token (of that user, when userId is given); true when it was live. */
export async function revokeApiToken(db: Queryable, tokenId: number, userId?: number): Promise<boolean> {
  const { rowCount } = await db.query(
    `UPDATE api_tokens SET revoked_at = now()
     WHERE id = $1 AND revoked_at IS NULL AND ($2::bigint IS NULL OR user_id = $2)`, [tokenId, userId ?? null]);
  forgetCachedAccess();
  return (rowCount ?? 0) > 0;
}

export async function listApiTokens(db: Queryable, userId?: number): Promise<ApiTokenRow[]> {
  const { rows } = await db.query<ApiTokenRow>(
    `SELECT ${TOKEN_COLUMNS} FROM api_tokens WHERE ($1::bigint IS NULL OR user_id = $1) ORDER BY created_at DESC, id DESC`,
    [userId ?? null]);
  return rows;
}

export interface TokenIdentity { tokenId: number; user: SignedInUser }

const tokenCache = registerCache<TokenIdentity | null>();

/** The user a bearer token acts as, or null. From memory for a few seconds once checked. */
export async function findApiToken(db: Queryable, token: string): Promise<TokenIdentity | null> {
  if (!token.startsWith(TOKEN_PREFIX) || token.length > 200) return null;
  const tokenHash = sha256(token);
  const key = tokenHash.toString('hex');
  const cached = tokenCache.get(key);
  if (cached !== undefined) return cached;
  const { rows } = await db.query<UserRow & { tokenId: number }>(
    `WITH touched AS (
       UPDATE api_tokens SET last_used_at = now()
       WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         AND (last_used_at IS NULL OR last_used_at < now() - make_interval(secs => $2))
     )
     SELECT t.id AS "tokenId", ${userColumns('u')}
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND t.expires_at > now() AND u.removed_at IS NULL`,
    [tokenHash, TOUCH_INTERVAL_SECONDS],
  );
  const row = rows[0];
  const user = row ? signedInUser(row) : null;
  // A user whose latest sign-in found no role has no working tokens.
  const identity = row && user && user.role !== null ? { tokenId: row.tokenId, user } : null;
  tokenCache.set(key, identity);
  return identity;
}
