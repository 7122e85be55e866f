// A user of a given role with a bearer token, as tests/support/auth.ts makes them, and the token's text
// (the admin tests revoke it and check that it stops working).
import type pg from 'pg';
import type { Role } from '../../../api/src/access/roles.js';
import { tokenHeaders } from '../../support/auth.js';

export async function userWithToken(pool: pg.Pool, email: string, role: Role, name: string | null = null, scope: string[] | null = null) {
  const { user, headers } = await tokenHeaders(pool, role, { email, name: name ?? undefined, scope });
  return { user, headers, token: headers.authorization!.replace(/^Bearer /, '') };
}
