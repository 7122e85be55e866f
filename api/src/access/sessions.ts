// Sessions kept in PostgreSQL (they survive a restart and an administrator can end them): the cookie
// `ehps_session` holds a random secret, the table its SHA-256. Idle expiry: 8 hours without a request.
// Each session has its own CSRF token, which every state-changing request made with the cookie must
// carry (header x-csrf-token, or the form field _csrf); the web app gets it from GET /api/me.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { CACHE_SECONDS, forgetCachedAccess, registerCache } from './cache.js';
import type { Queryable } from './db.js';
import { newSecret, sha256 } from './secrets.js';
import { signedInUser, userColumns, type SignedInUser, type UserRow } from './users.js';

export const SESSION_COOKIE = 'ehps_session';
export const IDLE_EXPIRY_HOURS = 8;
/** last_seen_at (like a token's last_used_at) is written at most once a minute per session. */
export const TOUCH_INTERVAL_SECONDS = 60;

export type SessionMethod = 'password' | 'first_run' | 'one_time_link' | 'oidc';

export interface OpenSession {
  /** SHA-256 of the cookie's secret: the session's id in the table (for ending it). */
  idHash: Buffer;
  user: SignedInUser;
  csrfToken: string;
  method: SessionMethod;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Whether cookies are sent with Secure (PUBLIC_URL is https). Set by the access plugin. */
    secureCookies: boolean;
  }
}

export interface NewSession {
  userId: number;
  method: SessionMethod;
  address?: string | null;
  userAgent?: string | null;
}

/** Creates the session row and sets the cookie; records the user's sign-in time. */
export async function openSession(db: Queryable, reply: FastifyReply, session: NewSession): Promise<{ csrfToken: string; idHash: Buffer }> {
  const secret = newSecret();
  const idHash = sha256(secret);
  const csrfToken = newSecret();
  await db.query(
    `INSERT INTO sessions (id_hash, user_id, csrf_token, address, user_agent, method) VALUES ($1, $2, $3, $4, $5, $6)`,
    [idHash, session.userId, csrfToken, session.address ?? null, session.userAgent?.slice(0, 500) ?? null, session.method],
  );
  await db.query('UPDATE users SET last_sign_in_at = now() WHERE id = $1', [session.userId]);
  reply.setCookie(SESSION_COOKIE, secret, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: reply.server.secureCookies ?? false,
  });
  return { csrfToken, idHash };
}

/** Ends one session (sign-out, or an administrator ending it); true when it was open. */
export async function endSession(db: Queryable, idHash: Buffer, reason = 'sign_out'): Promise<boolean> {
  const { rowCount } = await db.query(
    'UPDATE sessions SET ended_at = now(), ended_reason = $2 WHERE id_hash = $1 AND ended_at IS NULL', [idHash, reason]);
  sessionCache.delete(idHash.toString('hex'));
  return (rowCount ?? 0) > 0;
}

/** Ends every open session of a user (e.g. a new password set by an administrator). */
export async function endUserSessions(db: Queryable, userId: number, reason: string): Promise<number> {
  const { rowCount } = await db.query(
    'UPDATE sessions SET ended_at = now(), ended_reason = $2 WHERE user_id = $1 AND ended_at IS NULL', [userId, reason]);
  forgetCachedAccess();
  return rowCount ?? 0;
}

/** Clears the cookie in the browser (sign-out, or a cookie for a session that has ended). */
export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure: reply.server.secureCookies ?? false });
}

export function sessionSecret(request: FastifyRequest): string | undefined {
  const value = request.cookies?.[SESSION_COOKIE];
  return value && /^[A-Za-z0-9_-]{20,100}$/.test(value) ? value : undefined;
}

const sessionCache = registerCache<OpenSession | null>();

/**
 * The open session a cookie's secret names, with its user (not removed), or null. Answers from memory for
 * CACHE_SECONDS; a database lookup also marks the session seen, at most once a minute, in the same statement.
 */
export async function findSession(db: Queryable, secret: string): Promise<OpenSession | null> {
  const idHash = sha256(secret);
  const key = idHash.toString('hex');
  const cached = sessionCache.get(key);
  if (cached !== undefined) return cached;
  const { rows } = await db.query<UserRow & { csrfToken: string; method: SessionMethod }>(
    `WITH touched AS (
       UPDATE sessions SET last_seen_at = now()
       WHERE id_hash = $1 AND ended_at IS NULL
         AND last_seen_at > now() - make_interval(hours => $2)
         AND last_seen_at < now() - make_interval(secs => $3)
     )
     SELECT s.csrf_token AS "csrfToken", s.method, ${userColumns('u')}
     FROM sessions s JOIN users u ON u.id = s.user_id
     WHERE s.id_hash = $1 AND s.ended_at IS NULL AND u.removed_at IS NULL
       AND s.last_seen_at > now() - make_interval(hours => $2)`,
    [idHash, IDLE_EXPIRY_HOURS, TOUCH_INTERVAL_SECONDS],
  );
  const row = rows[0];
  const session = row ? { idHash, user: signedInUser(row), csrfToken: row.csrfToken, method: row.method } : null;
  sessionCache.set(key, session);
  return session;
}

export { CACHE_SECONDS };
