// What a sign-in through the identity provider does in the product, once the ID token has been validated:
// the user is created or updated (e-mail, name), the role found in the token recorded as their provider
// role, ADMIN_EMAIL made an administrator at their first sign-in, a session opened and the sign-in audited,
// all in one transaction.
import type { FastifyReply } from 'fastify';
import type pg from 'pg';
import { recordAudit } from './audit.js';
import { forgetCachedAccess } from './cache.js';
import type { ProviderIdentity } from './oidc.js';
import type { Role } from './roles.js';
import { openSession } from './sessions.js';
import { effectiveRole, findUserByEmail, upsertUser } from './users.js';

export interface ProviderSignIn {
  identity: ProviderIdentity;
  /** ADMIN_EMAIL (lower case). */
  adminEmail: string;
  address: string | null;
  userAgent: string | null;
}

export type ProviderSignInOutcome =
  /** A session is open; `role` is null when neither the token nor the product gives one (no access). */
  | { outcome: 'signed_in'; userId: number; role: Role | null }
  /** The user was removed from the product: no session. */
  | { outcome: 'removed'; userId: number };

export async function signInWithProvider(pool: pg.Pool, reply: FastifyReply, signIn: ProviderSignIn): Promise<ProviderSignInOutcome> {
  const { identity } = signIn;
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const existing = await findUserByEmail(client, identity.email);
    const audit = {
      userEmail: identity.email,
      address: signIn.address,
      object: identity.email,
    };
    // Removal is the product's decision: a token still valid at the provider does not undo it.
    if (existing?.removedAt) {
      await recordAudit(client, {
        ...audit, userId: existing.id, action: 'sign_in_failed',
        details: { method: 'oidc', reason: 'user_removed', subject: identity.subject },
      });
      await client.query('COMMIT');
      return { outcome: 'removed', userId: existing.id };
    }
    // The first sign-in of ADMIN_EMAIL makes them an administrator whatever the token says, so an
    // installation can be set up before roles exist at the provider. From their next sign-in on, a role
    // in their token wins, as for everyone.
    const firstSignIn = !existing || existing.lastSignInAt === null;
    const installingAdmin = firstSignIn && identity.email === signIn.adminEmail;
    const user = await upsertUser(client, {
      email: identity.email,
      // A token without a name leaves the one the product knows.
      ...(identity.name !== null ? { name: identity.name } : {}),
      ...(installingAdmin ? { role: 'admin' as const } : {}),
      // The role found in the token at this sign-in, or none (tokens of theirs then stop working too).
      providerRole: installingAdmin ? null : identity.providerRole,
    });
    const role = effectiveRole(user);
    await openSession(client, reply, { userId: user.id, method: 'oidc', address: signIn.address, userAgent: signIn.userAgent });
    await recordAudit(client, {
      ...audit, userId: user.id, action: 'sign_in',
      details: {
        method: 'oidc', role, providerRoles: identity.roleNames, subject: identity.subject,
        ...(role === null ? { outcome: 'no_access' } : {}),
        ...(installingAdmin ? { firstAdministrator: true } : {}),
      },
    });
    await client.query('COMMIT');
    // Their other sessions and tokens take the role found now at once.
    forgetCachedAccess();
    return { outcome: 'signed_in', userId: user.id, role };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

/** The administrators a user without access can ask (name and e-mail), most recently active first. */
export async function administratorsToAsk(pool: pg.Pool, limit = 5): Promise<{ name: string | null; email: string }[]> {
  const { rows } = await pool.query<{ name: string | null; email: string }>(
    `SELECT name, email FROM users
     WHERE removed_at IS NULL AND coalesce(provider_role, role) = 'admin'
     ORDER BY last_sign_in_at DESC NULLS LAST, email
     LIMIT $1`,
    [limit],
  );
  return rows;
}
