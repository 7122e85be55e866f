// Slow-down and lockout of password sign-in after repeated failures, per account (the e-mail as typed, so
// an unknown address behaves as a known one) and per address (docs/decisions.md, "Sign-in failures"):
// within 15 minutes, from the 5th failure for an account (20th from an address) each answer waits a while;
// from the 10th (50th from an address) every attempt is refused without checking the password until the
// failures age out of the window. Refused attempts are not failures, so a lockout ends on its own.
// An attempt is written down before its password is checked (and taken back if it succeeds or is refused), so
// attempts sent all at once count one another and cannot all slip under the limit.
import type { Queryable } from './db.js';

export const THROTTLE = {
  windowMinutes: 15,
  account: { slowAfter: 5, lockAfter: 10 },
  address: { slowAfter: 20, lockAfter: 50 },
} as const;

export type ThrottleState = 'open' | 'slow' | 'locked';

/**
 * Writes the attempt down as a failure and says how the account and address stand, counting the attempts
 * before it (this one excluded); `id` takes it back with `forgetAttempt` when it succeeds or is refused.
 */
export async function beginSignInAttempt(db: Queryable, email: string, address: string): Promise<{ id: string; state: ThrottleState }> {
  const { rows: [attempt] } = await db.query<{ id: string }>(
    'INSERT INTO sign_in_failures (email, address) VALUES ($1, $2) RETURNING id', [email, address]);
  // Old failures count for nothing: keep the table small.
  await db.query(`DELETE FROM sign_in_failures WHERE failed_at < now() - make_interval(mins => $1 * 4)`, [THROTTLE.windowMinutes]);
  const { rows } = await db.query<{ account: number; address: number }>(
    `SELECT count(*) FILTER (WHERE email = $1)::int AS account, count(*) FILTER (WHERE address = $2)::int AS address
     FROM sign_in_failures
     WHERE (email = $1 OR address = $2) AND failed_at > now() - make_interval(mins => $3) AND id <> $4`,
    [email, address, THROTTLE.windowMinutes, attempt!.id],
  );
  const counts = rows[0]!;
  const state: ThrottleState =
    counts.account >= THROTTLE.account.lockAfter || counts.address >= THROTTLE.address.lockAfter ? 'locked'
      : counts.account >= THROTTLE.account.slowAfter || counts.address >= THROTTLE.address.slowAfter ? 'slow' : 'open';
  return { id: attempt!.id, state };
}

/** An attempt refused while locked is not a failure: taken back, so a lockout ends on its own. */
export async function forgetAttempt(db: Queryable, id: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE id = $1', [id]);
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearSignInFailures(db: Queryable, email: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE email = $1', [email]);
}

export const LOCKED_MESSAGE = `Too many failed sign-ins for this account or from this address: try again in ${THROTTLE.windowMinutes} minutes.`;
