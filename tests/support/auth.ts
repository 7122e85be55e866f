// Signed-in requests for tests: a user of a role and an inject that acts as them.
//   const api = await signedIn(app, pool, 'viewer');   // with an API token (no CSRF token needed)
//   const browser = await signedInWithSession(app, pool, 'analyst');   // the session cookie and its CSRF token
//   await api.inject('/api/scorecard?month=2015-06');
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type pg from 'pg';
import { hashPassword } from '../../api/src/access/passwords.js';
import type { Role } from '../../api/src/access/roles.js';
import { createApiToken } from '../../api/src/access/tokens.js';
import { upsertUser, type UserRow } from '../../api/src/access/users.js';

interface Injectable { inject(options: InjectOptions | string): Promise<LightMyRequestResponse> }

export interface SignedInClient {
  user: UserRow;
  /** The headers that sign a request in (Authorization, or Cookie and x-csrf-token). */
  headers: Record<string, string>;
  inject(options: InjectOptions | string): Promise<LightMyRequestResponse>;
}

/** Cheap scrypt parameters for test users: the stored string says which were used, so they verify as any. */
export const TEST_SCRYPT = { N: 1024, r: 8, p: 1 };

let counter = 0;
const nextEmail = (role: string) => `${role}-${process.pid}-${++counter}@example.test`;

export interface TestUserOptions {
  email?: string;
  name?: string;
  scope?: string[] | null;
  password?: string;
}

export async function createTestUser(pool: pg.Pool, role: Role | null, options: TestUserOptions = {}): Promise<UserRow> {
  return upsertUser(pool, {
    email: options.email ?? nextEmail(role ?? 'norole'),
    name: options.name ?? `Test ${role ?? 'no role'}`,
    role,
    scope: options.scope ?? null,
    passwordHash: options.password ? await hashPassword(options.password, TEST_SCRYPT) : undefined,
  });
}

function withHeaders(app: Injectable, headers: Record<string, string>) {
  return (options: InjectOptions | string) => {
    const given: InjectOptions = typeof options === 'string' ? { url: options } : options;
    return app.inject({ ...given, headers: { ...headers, ...(given.headers as Record<string, string> | undefined) } });
  };
}

/** A user of the role and the header carrying their API token (for apps built later, or several apps). */
export async function tokenHeaders(pool: pg.Pool, role: Role | null, options: TestUserOptions = {}): Promise<{ user: UserRow; headers: Record<string, string> }> {
  const user = await createTestUser(pool, role, options);
  const token = await createApiToken(pool, user.id, 'tests');
  return { user, headers: { authorization: `Bearer ${token}` } };
}

/** A user of the role and an inject carrying their API token. */
export async function signedIn(app: Injectable, pool: pg.Pool, role: Role | null, options: TestUserOptions = {}): Promise<SignedInClient> {
  const { user, headers } = await tokenHeaders(pool, role, options);
  return { user, headers, inject: withHeaders(app, headers) };
}

export const TEST_PASSWORD = 'correct horse battery staple';

/** A user of the role signed in through POST /auth/login: the session cookie, with its CSRF token. */
export async function signedInWithSession(app: Injectable, pool: pg.Pool, role: Role | null, options: TestUserOptions = {}): Promise<SignedInClient & { cookie: string; csrfToken: string }> {
  const password = options.password ?? TEST_PASSWORD;
  const user = await createTestUser(pool, role, { ...options, password });
  const response = await app.inject({ method: 'POST', url: '/auth/login', payload: { email: user.email, password } });
  if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
  const cookie = sessionCookie(response);
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  const headers = { cookie, 'x-csrf-token': csrfToken };
  return { user, headers, cookie, csrfToken, inject: withHeaders(app, headers) };
}

/** The `ehps_session=…` pair a response set. */
export function sessionCookie(response: LightMyRequestResponse): string {
  const cookie = response.cookies.find((c) => c.name === 'ehps_session');
  if (!cookie) throw new Error(`no session cookie in the answer (${response.statusCode})`);
  return `ehps_session=${cookie.value}`;
}
