// The benchmarks call the API as a signed-in viewer would: with an API token, and with the session cookie a
// browser gets from signing in (every route but /api/health needs one or the other).
import type pg from 'pg';
import { hashPassword } from '../../api/src/access/passwords.js';
import { createApiToken } from '../../api/src/access/tokens.js';
import { upsertUser } from '../../api/src/access/users.js';

export interface BenchCredentials {
  /** `Authorization: Bearer <token>`. */
  token: string;
  /** The `ehps_session=…` cookie of a session opened through POST /auth/login. */
  cookie: string;
}

export const BENCH_EMAIL = 'bench@localhost';

/** A viewer with a password and a token, signed in once through the running server at `baseUrl`. */
export async function benchCredentials(pool: pg.Pool, baseUrl: string): Promise<BenchCredentials> {
  const password = `bench ${Math.random().toString(36).slice(2)}`;
  const user = await upsertUser(pool, { email: BENCH_EMAIL, name: 'Benchmark', role: 'viewer', passwordHash: await hashPassword(password) });
  const token = await createApiToken(pool, user.id, `bench ${new Date().toISOString()}`, 1);
  const response = await fetch(`${baseUrl.replace(/\/$/, '')}/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: BENCH_EMAIL, password }),
  });
  if (!response.ok) throw new Error(`signing the benchmark in answered ${response.status}: ${await response.text()}`);
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith('ehps_session='))?.split(';')[0];
  if (!cookie) throw new Error('signing the benchmark in set no session cookie');
  return { token, cookie };
}
