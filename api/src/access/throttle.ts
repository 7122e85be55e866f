// Slow-down and lockout of password sign-in after repeated failures, per account (the e-mail as typed, so
// an unknown address behaves as a known one) and per address (docs/decisions.md, "Sign-in failures"):
// within 15 minutes, from the 5th failure for an account (20th from an address) each answer waits a while;
// from the 10th (50th from an address) every attempt is refused without checking the password until the
// failures age out of the window. Refused attempts are not failures, so a lockout ends on its own.
import type { Queryable } from './db.js';

export const THROTTLE = {
  windowMinutes: 15,
  account: { slowAfter: 5, lockAfter: 10 },
  address: { slowAfter: 20, lockAfter: 50 },
} as const;

export type ThrottleState = 'open' | 'slow' | 'locked';

export async function signInThrottle(db: Queryable, email: string, address: string): Promise<ThrottleState> {
  const { rows } = await db.query<{ account: number; address: number }>(
    `SELECT count(*) FILTER (WHERE email = $1)::int AS account, count(*) FILTER (WHERE address = $2)::int AS address
     FROM sign_in_failures
     WHERE (email = $1 OR address = $2) AND failed_at > now() - make_interval(mins => $3)`,
    [email, address, THROTTLE.windowMinutes],
  );
  const counts = rows[0]!;
  if (counts.account >= THROTTLE.account.lockAfter || counts.address >= THROTTLE.address.lockAfter) return 'locked';
  if (counts.account >= THROTTLE.account.slowAfter || counts.address >= THROTTLE.address.slowAfter) return 'slow';
  return 'open';
}

export async function recordSignInFailure(db: Queryable, email: string, address: string): Promise<void> {
  await db.query('INSERT INTO sign_in_failures (email, address) VALUES ($1, $2)', [email, address]);
  // Old failures count for nothing: keep the table small.
  await db.query(`DELETE FROM sign_in_failures WHERE failed_at < now() - make_interval(mins => $1 * 4)`, [THROTTLE.windowMinutes]);
}

/** A successful sign-in clears the account's failures (not the address's). */
export async function clearSignInFailures(db: Queryable, email: string): Promise<void> {
  await db.query('DELETE FROM sign_in_failures WHERE email = $1', [email]);
}

export const LOCKED_MESSAGE = `Too many failed sign-ins for this account or from this address: try again in ${THROTTLE.windowMinutes} minutes.`;
