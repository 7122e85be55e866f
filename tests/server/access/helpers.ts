// Callers for the route tests: a user of a given role and a bearer token acting as them.
import type pg from 'pg';
import { createApiToken } from '../../../api/src/access/tokens.js';
import { upsertUser } from '../../../api/src/access/users.js';
import type { Role } from '../../../api/src/access/roles.js';

export async function userWithToken(pool: pg.Pool, email: string, role: Role, name: string | null = null, scope: string[] | null = null) {
  const user = await upsertUser(pool, { email, name, role, scope });
  const token = await createApiToken(pool, user.id, 'tests');
  return { user, token, headers: { authorization: `Bearer ${token}` } };
}
