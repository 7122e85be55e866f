// GET /api/audit and its CSV: London days (also across the clocks changing), the user and action filters,
// bad parameters, and what the CSV holds.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { userWithToken } from './helpers.js';

let t: TestDatabase;
let app: App;
let admin: Record<string, string>;
let viewer: Record<string, string>;

// UK clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October 2026, so the London
// day of 29 March runs 00:00-23:00 UTC (23 hours) and that of 25 October 23:00 UTC the day before to 00:00
// UTC after it (25 hours).
const ENTRIES: [at: string, email: string | null, action: string, object: string | null, details: object][] = [
  ['2026-03-28T23:59:59Z', 'ann@example.org', 'sign_in', null, {}],
  ['2026-03-29T00:00:00Z', 'ann@example.org', 'token_created', 'token:1', { name: 'nightly' }],
  ['2026-03-29T22:59:59Z', 'bob@example.org', 'sign_in', null, {}],
  ['2026-03-29T23:00:00Z', 'bob@example.org', 'sign_in', null, {}],
  ['2026-10-24T22:59:59Z', 'ann@example.org', 'sign_in', null, {}],
  ['2026-10-24T23:00:00Z', 'ann@example.org', 'role_changed', 'user:bob@example.org', { from: 'viewer', to: 'analyst' }],
  ['2026-10-25T23:59:59Z', 'cli:ops', 'import', '=districts.csv', { outcome: 'loaded', files: [{ file: 'districts.csv', rows: 3 }] }],
  ['2026-10-26T00:00:00Z', 'bob@example.org', 'sign_in', null, {}],
];

beforeAll(async () => {
  t = await createTestDatabase();
  await t.pool.query(`INSERT INTO users (email, name, role) VALUES ('ann@example.org', 'Ann Admin', 'admin'), ('bob@example.org', 'Bob', 'viewer')`);
  viewer = (await userWithToken(t.pool, 'bob@example.org', 'viewer')).headers;
  for (const [at, email, action, object, details] of ENTRIES) {
    await t.pool.query(
      `INSERT INTO audit_log (at, user_id, user_email, address, action, object, details)
       VALUES ($1, (SELECT id FROM users WHERE email = $2), $2, '10.0.0.7', $3, $4, $5)`,
      [at, email, action, object, JSON.stringify(details)],
    );
  }
  admin = (await userWithToken(t.pool, 'ann@example.org', 'admin', 'Ann Admin')).headers;
  app = await buildApp({ pool: t.pool });
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

async function times(query: string): Promise<string[]> {
  const response = await app.inject({ url: `/api/audit?${query}`, headers: admin });
  expect(response.statusCode, response.body).toBe(200);
  return response.json().entries.map((e: { at: string }) => e.at);
}

describe('GET /api/audit', () => {
  it('counts days in London time: the 23-hour day when the clocks go forward', async () => {
    expect(await times('from=2026-03-29&to=2026-03-29')).toEqual(['2026-03-29T22:59:59.000Z', '2026-03-29T00:00:00.000Z']);
    expect(await times('from=2026-03-28&to=2026-03-28')).toEqual(['2026-03-28T23:59:59.000Z']);
    expect(await times('from=2026-03-30&to=2026-03-30')).toEqual(['2026-03-29T23:00:00.000Z']);
  });

  it('counts days in London time: the 25-hour day when the clocks go back', async () => {
    expect(await times('from=2026-10-25&to=2026-10-25')).toEqual(['2026-10-25T23:59:59.000Z', '2026-10-24T23:00:00.000Z']);
    expect(await times('from=2026-10-24&to=2026-10-24')).toEqual(['2026-10-24T22:59:59.000Z']);
    expect(await times('from=2026-10-26&to=2026-10-31')).toEqual(['2026-10-26T00:00:00.000Z']);
  });

  it('filters by user (any case) and by action, and answers each entry in full, newest first', async () => {
    const response = await app.inject({ url: '/api/audit?from=2026-01-01&to=2026-12-31&user=ANN@example.org', headers: admin });
    const body = response.json();
    expect(body.total).toBe(4);
    expect(body.truncated).toBe(false);
    expect(body.entries.map((e: { action: string }) => e.action)).toEqual(['role_changed', 'sign_in', 'token_created', 'sign_in']);
    expect(body.entries[0]).toEqual({
      id: expect.any(Number), at: '2026-10-24T23:00:00.000Z', userEmail: 'ann@example.org', userName: 'Ann Admin',
      address: '10.0.0.7', action: 'role_changed', object: 'user:bob@example.org', details: { from: 'viewer', to: 'analyst' },
    });
    expect(await times('from=2026-01-01&to=2026-12-31&action=sign_in&user=bob@example.org'))
      .toEqual(['2026-10-26T00:00:00.000Z', '2026-03-29T23:00:00.000Z', '2026-03-29T22:59:59.000Z']);
    expect(await times('from=2026-01-01&to=2026-12-31&action=nothing_like_it')).toEqual([]);
  });

  it('refuses a day that does not exist, a range running backwards and an unknown parameter', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30&to=2026-03-01', "query parameter 'from' must be a real day written YYYY-MM-DD, got '2026-02-30'"],
      ['from=2026-03-02&to=2026-03-01', 'from=2026-03-02 is after to=2026-03-01'],
      ['from=2026-3-1&to=2026-03-01', "query parameter 'from' is malformed, got '2026-3-1'"],
      ['to=2026-03-01', "missing query parameter 'from'"],
      ['from=2026-03-01&to=2026-03-01&who=x', "unknown query parameter 'who'"],
    ];
    for (const [query, message] of cases) {
      const response = await app.inject({ url: `/api/audit?${query}`, headers: admin });
      expect(response.statusCode, query).toBe(400);
      expect(response.json()).toEqual({ error: 'bad_request', message });
    }
  });

  it('lists the actions the log holds', async () => {
    const response = await app.inject({ url: '/api/audit/actions', headers: admin });
    expect(response.json()).toEqual({ actions: ['import', 'role_changed', 'sign_in', 'token_created'] });
  });
});

describe('who may read the log', () => {
  it('is refused unsigned (401) and to anyone but an administrator (403, naming the right)', async () => {
    for (const url of ['/api/audit?from=2026-01-01&to=2026-01-02', '/api/audit.csv?from=2026-01-01&to=2026-01-02', '/api/audit/actions']) {
      expect((await app.inject(url)).statusCode).toBe(401);
      const refused = await app.inject({ url, headers: viewer });
      expect(refused.statusCode).toBe(403);
      expect(refused.json().message).toMatch(/manage users and read the audit log/);
    }
  });
});

describe('GET /api/audit.csv', () => {
  it('downloads every matching entry with London and UTC times, details as JSON, formulas neutralised', async () => {
    const response = await app.inject({ url: '/api/audit.csv?from=2026-10-25&to=2026-10-25', headers: admin });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="ehps-audit-2026-10-25-to-2026-10-25.csv"');
    const lines = response.body.replace(/^\uFEFF/, '').split('\r\n');
    expect(lines).toEqual([
      'time_utc,time_london,user,user_name,address,action,object,details',
      // jsonb keeps keys shortest first
      '2026-10-25T23:59:59.000Z,2026-10-25 23:59:59,cli:ops,,10.0.0.7,import,\'=districts.csv,'
        + '"{""files"":[{""file"":""districts.csv"",""rows"":3}],""outcome"":""loaded""}"',
      '2026-10-24T23:00:00.000Z,2026-10-25 00:00:00,ann@example.org,Ann Admin,10.0.0.7,role_changed,user:bob@example.org,'
        + '"{""to"":""analyst"",""from"":""viewer""}"',
      '',
    ]);
    const { rows } = await t.pool.query(`SELECT user_email, object, details FROM audit_log WHERE action = 'export'`);
    expect(rows).toEqual([{ user_email: 'ann@example.org', object: '/api/audit.csv', details: { from: '2026-10-25', to: '2026-10-25', via: 'token' } }]);
  });
});
