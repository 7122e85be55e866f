// One-time sign-in links: the first-run administrator's, and those an administrator (or `npm run users`)
// issues for a local account. Single use, valid 24 hours, stored as SHA-256.
import type { Queryable } from './db.js';
import { newSecret, sha256 } from './secrets.js';

export type LinkPurpose = 'first_run' | 'sign_in';
export const LINK_VALID_HOURS = 24;

/** Returns the token for `${PUBLIC_URL}/auth/first-run?token=…`. */
export async function issueOneTimeLink(db: Queryable, userId: number, purpose: LinkPurpose): Promise<string> {
  const token = newSecret();
  await db.query(
    `INSERT INTO one_time_links (token_hash, user_id, purpose, expires_at) VALUES ($1, $2, $3, now() + make_interval(hours => $4))`,
    [sha256(token), userId, purpose, LINK_VALID_HOURS],
  );
  return token;
}

/** The address a one-time link's token is opened at. */
export function oneTimeLinkUrl(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/auth/first-run?token=${encodeURIComponent(token)}`;
}

/**
 * Uses a link: marks it used and returns its user and purpose, or null when it is unknown, used, expired or
 * its user was removed. One statement, so two openings of the same link cannot both succeed.
 */
export async function useOneTimeLink(db: Queryable, token: string): Promise<{ userId: number; purpose: LinkPurpose } | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const { rows } = await db.query<{ userId: number; purpose: LinkPurpose }>(
    `UPDATE one_time_links l SET used_at = now()
     FROM users u
     WHERE l.token_hash = $1 AND l.used_at IS NULL AND l.expires_at > now() AND u.id = l.user_id AND u.removed_at IS NULL
     RETURNING l.user_id AS "userId", l.purpose`,
    [sha256(token)],
  );
  return rows[0] ?? null;
}
