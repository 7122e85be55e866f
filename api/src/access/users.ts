// Users: found by e-mail (kept lower case), created or updated in one statement, removed without deleting
// the row (their name stays on what they wrote; their sessions and tokens end).
import { forgetCachedAccess } from './cache.js';
import { isRole, type Role } from './roles.js';
import type { Queryable } from './db.js';

export interface UserRow {
  id: number;
  email: string;
  name: string | null;
  role: Role | null;
  providerRole: Role | null;
  scope: string[] | null;
  passwordHash: string | null;
  createdAt: Date;
  lastSignInAt: Date | null;
  removedAt: Date | null;
}

/** The signed-in user as requests see it (request.user). */
export interface SignedInUser {
  id: number;
  email: string;
  name: string | null;
  /** The effective role; null: signed in but without access. */
  role: Role | null;
  scope: string[] | null;
}

/** The columns of a UserRow, from the users table under `alias`. */
export function userColumns(alias = 'users'): string {
  return `${alias}.id, ${alias}.email, ${alias}.name, ${alias}.role, ${alias}.provider_role AS "providerRole", ${alias}.scope,
    ${alias}.password_hash AS "passwordHash", ${alias}.created_at AS "createdAt", ${alias}.last_sign_in_at AS "lastSignInAt",
    ${alias}.removed_at AS "removedAt"`;
}
const USER_COLUMNS = userColumns();

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** The role from the identity provider found at the latest sign-in wins; else the role granted here. */
export function effectiveRole(user: Pick<UserRow, 'role' | 'providerRole'>): Role | null {
  if (isRole(user.providerRole)) return user.providerRole;
  return isRole(user.role) ? user.role : null;
}

export function signedInUser(user: UserRow): SignedInUser {
  const role = effectiveRole(user);
  return { id: user.id, email: user.email, name: user.name, role, scope: role === 'contributor' ? user.scope : null };
}

export async function findUserByEmail(db: Queryable, email: string): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [normaliseEmail(email)]);
  return rows[0] ?? null;
}

export async function findUserById(db: Queryable, id: number): Promise<UserRow | null> {
  const { rows } = await db.query<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [id]);
  return rows[0] ?? null;
}

export interface UserChanges {
  email: string;
  name?: string | null;
  /** Undefined: left as it is (a new user has none); null: taken away. */
  role?: Role | null;
  scope?: string[] | null;
  passwordHash?: string | null;
  /** The role found in the identity provider's token at this sign-in (null: none found); OIDC only. */
  providerRole?: Role | null;
}

/**
 * Creates the user or updates the fields given; a removed user added again is active again. Scope is kept
 * only for contributors (null for every other role, access.md).
 */
export async function upsertUser(db: Queryable, changes: UserChanges): Promise<UserRow> {
  const email = normaliseEmail(changes.email);
  if (!email) throw new Error('a user needs an e-mail address');
  const given = (value: unknown) => value !== undefined;
  const { rows } = await db.query<UserRow>(
    `INSERT INTO users (email, name, role, scope, password_hash, provider_role)
     VALUES ($1, $2, $3, $4, $5, $10)
     ON CONFLICT (email) DO UPDATE SET
       name = CASE WHEN $6 THEN EXCLUDED.name ELSE users.name END,
       role = CASE WHEN $7 THEN EXCLUDED.role ELSE users.role END,
       scope = CASE WHEN $8 THEN EXCLUDED.scope ELSE users.scope END,
       password_hash = CASE WHEN $9 THEN EXCLUDED.password_hash ELSE users.password_hash END,
       provider_role = CASE WHEN $11 THEN EXCLUDED.provider_role ELSE users.provider_role END,
       removed_at = NULL
     RETURNING ${USER_COLUMNS}`,
    [email, changes.name ?? null, changes.role ?? null, changes.scope ?? null, changes.passwordHash ?? null,
      given(changes.name), given(changes.role), given(changes.scope), given(changes.passwordHash),
      changes.providerRole ?? null, given(changes.providerRole)],
  );
  const user = rows[0]!;
  // A role or scope changed here is honoured by the next request, not a few seconds later.
  forgetCachedAccess();
  // A scope means something for contributors only.
  if (user.scope !== null && effectiveRole(user) !== 'contributor' && user.role !== 'contributor') {
    await db.query('UPDATE users SET scope = NULL WHERE id = $1', [user.id]);
    user.scope = null;
  }
  return user;
}

/**
 * Removes a user: the row stays (their name on what they wrote), their sessions end and their tokens are
 * revoked at once. Returns false when there is no such active user.
 */
export async function removeUser(db: Queryable, email: string): Promise<boolean> {
  const { rows } = await db.query<{ id: number }>(
    'UPDATE users SET removed_at = now() WHERE email = $1 AND removed_at IS NULL RETURNING id', [normaliseEmail(email)]);
  const id = rows[0]?.id;
  if (id === undefined) return false;
  await db.query(`UPDATE sessions SET ended_at = now(), ended_reason = 'user_removed' WHERE user_id = $1 AND ended_at IS NULL`, [id]);
  await db.query('UPDATE api_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL', [id]);
  forgetCachedAccess();
  return true;
}

export async function countUsers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM users');
  return rows[0]!.n;
}
