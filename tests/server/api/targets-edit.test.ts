// The Targets page's API: every target with the years it is carried forward to; setting and deleting one row
// (analysts and administrators only), checked with the targets file's rules and the floor rule, audited, and
// followed at once by the scorecard.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { DATA_LOCK } from '../../../api/src/db/locks.js';
import { signedIn, signedInWithSession, type SignedInClient } from '../../support/auth.js';
import { insertFullCoverage } from '../../support/coverage.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertDistricts, insertMonths, insertResults, insertTarget } from './seed.js';

let t: TestDatabase;
let app: App;
let viewer: SignedInClient;
let analyst: SignedInClient;
let admin: SignedInClient;

const PERCENT = 'eh_plans_within_4_weeks_pct'; // financial year, higher is better
const COUNT = 'yj_first_time_entrants'; // financial year, lower is better

beforeAll(async () => {
  t = await createTestDatabase();
  await insertDistricts(t.pool); // DAR, GRA (NORTH), CAN (EAST)
  // The latest month, 2019-12, is in financial year 2020: targets are carried up to 2020.
  await insertMonths(t.pool, '2017-01', '2019-12');
  // 2019-06 (financial 2020): Kent 60 % (Dartford's 60 of 100 only); first-time entrants 5 in Dartford.
  await insertResults(t.pool, [[PERCENT, '2019-06', 'DAR', 60, 100], [COUNT, '2019-06', 'DAR', 5, null]]);
  await insertTarget(t.pool, PERCENT, 2017, 'KENT', 40, 30, true);
  await insertTarget(t.pool, PERCENT, 2018, 'KENT', 45, 35, true);
  await insertTarget(t.pool, COUNT, 2017, 'DAR', 4, 6);
  await insertFullCoverage(t.pool);
  app = await buildApp({ pool: t.pool });
  viewer = await signedIn(app, t.pool, 'viewer');
  analyst = await signedIn(app, t.pool, 'analyst');
  admin = await signedIn(app, t.pool, 'admin');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function targetsOf(code: string) {
  const response = await viewer.inject(`/api/targets?indicator=${code}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

async function scorecardRow(query: string, code: string) {
  const response = await viewer.inject(`/api/scorecard?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().indicators.find((i: { code: string }) => i.code === code);
}

async function storedTargets() {
  const { rows } = await t.pool.query('SELECT indicator_code, year, geography_code, target, floor, floor_assumed FROM targets ORDER BY 1, 2, 3');
  return rows;
}

async function auditEntries(action: string) {
  const { rows } = await t.pool.query('SELECT user_email, action, object, details FROM audit_log WHERE action = $1 ORDER BY id', [action]);
  return rows;
}

const put = (client: SignedInClient, path: string, payload: unknown) =>
  client.inject({ method: 'PUT', url: `/api/targets/${path}`, payload: payload as Record<string, unknown> });

describe('GET /api/targets', () => {
  it('lists each stored row as applying directly and the later years it is carried forward to', async () => {
    const body = await targetsOf(PERCENT);
    expect(body.latestMonth).toBe('2019-12');
    expect(body.targets).toEqual([
      { indicatorCode: PERCENT, year: 2017, geographyCode: 'KENT', target: 40, floor: 30, floorAssumed: true, carriedForward: false, fromYear: 2017, fromGeographyCode: 'KENT' },
      { indicatorCode: PERCENT, year: 2018, geographyCode: 'KENT', target: 45, floor: 35, floorAssumed: true, carriedForward: false, fromYear: 2018, fromGeographyCode: 'KENT' },
      { indicatorCode: PERCENT, year: 2019, geographyCode: 'KENT', target: 45, floor: 35, floorAssumed: true, carriedForward: true, fromYear: 2018, fromGeographyCode: 'KENT' },
      { indicatorCode: PERCENT, year: 2020, geographyCode: 'KENT', target: 45, floor: 35, floorAssumed: true, carriedForward: true, fromYear: 2018, fromGeographyCode: 'KENT' },
    ]);
    expect(body.carriedForward).toEqual([{ indicatorCode: PERCENT, geographyCode: 'KENT', fromYear: 2018, fromGeographyCode: 'KENT', years: [2019, 2020] }]);
  });

  it("carries a count indicator's district target for that district only", async () => {
    const body = await targetsOf(COUNT);
    expect(body.carriedForward).toEqual([{ indicatorCode: COUNT, geographyCode: 'DAR', fromYear: 2017, fromGeographyCode: 'DAR', years: [2018, 2019, 2020] }]);
    expect(body.targets.every((row: { geographyCode: string }) => row.geographyCode === 'DAR')).toBe(true);
  });

  it('lists every indicator without a filter, and refuses an unknown one', async () => {
    const all = (await viewer.inject('/api/targets')).json();
    expect(new Set(all.targets.map((row: { indicatorCode: string }) => row.indicatorCode))).toEqual(new Set([PERCENT, COUNT]));
    const unknown = await viewer.inject('/api/targets?indicator=no_such_kpi');
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toBe("query parameter 'indicator' is not a measure of the catalogue, got 'no_such_kpi'");
  });
});

describe('who may change targets', () => {
  it('refuses viewers (403) and stores nothing', async () => {
    const before = await storedTargets();
    const response = await put(viewer, `${PERCENT}/2020/KENT`, { target: 50, floor: 45, floorAssumed: false });
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/import extracts and edit targets/);
    expect((await viewer.inject({ method: 'DELETE', url: `/api/targets/${PERCENT}/2018/KENT` })).statusCode).toBe(403);
    expect(await storedTargets()).toEqual(before);
  });

  it('refuses a browser session write without its CSRF token', async () => {
    const session = await signedInWithSession(app, t.pool, 'analyst');
    const response = await app.inject({
      method: 'PUT', url: `/api/targets/${PERCENT}/2020/KENT`, headers: { cookie: session.cookie },
      payload: { target: 50, floor: 45, floorAssumed: false },
    });
    expect(response.statusCode).toBe(403);
  });
});

describe('validation: the targets file rules and the floor rule', () => {
  const rejected = async (path: string, payload: unknown) => {
    const before = await storedTargets();
    const audited = (await auditEntries('target_set')).length;
    const response = await put(analyst, path, payload);
    expect(response.statusCode, response.body).toBe(400);
    expect(await storedTargets()).toEqual(before);
    expect(await auditEntries('target_set')).toHaveLength(audited);
    return response.json();
  };

  it('names the field, its value and the rule of the targets file', async () => {
    expect((await rejected(`${PERCENT}/20x9/KENT`, { target: 50, floor: null, floorAssumed: false })).problems)
      .toEqual([{ field: 'year', value: '20x9', rule: 'must be a whole number' }]);
    const body = await rejected('no_such_kpi/2020/NOWHERE', { target: 50, floor: null, floorAssumed: false });
    expect(body.problems).toEqual([
      { field: 'indicator', value: 'no_such_kpi', rule: "unknown indicator_code: not in the product's indicator catalogue" },
      { field: 'geography', value: 'NOWHERE', rule: 'unknown geography_code: not in KENT, the areas or the districts' },
    ]);
    expect(body.message).toBe("The target was not saved: indicator 'no_such_kpi': unknown indicator_code: not in the product's indicator catalogue; "
      + "geography 'NOWHERE': unknown geography_code: not in KENT, the areas or the districts");
  });

  it('refuses a number the file could not hold', async () => {
    expect((await rejected(`${PERCENT}/2020/KENT`, { target: 1e21, floor: null, floorAssumed: false })).problems)
      .toEqual([{ field: 'target', value: '1e+21', rule: 'must be a decimal number such as 12 or 3.5' }]);
  });

  it('refuses a floor above the target where higher is better, and below it where lower is better', async () => {
    expect((await rejected(`${PERCENT}/2020/KENT`, { target: 50, floor: 55, floorAssumed: false })).problems).toEqual([
      { field: 'floor', value: '55', rule: 'must not be above the target (50): higher is better, so the floor is the lower bar' },
    ]);
    expect((await rejected(`${COUNT}/2020/DAR`, { target: 4, floor: 3, floorAssumed: false })).problems).toEqual([
      { field: 'floor', value: '3', rule: 'must not be below the target (4): lower is better, so the floor is the higher bar' },
    ]);
  });

  it('names a body field of the wrong type and its value', async () => {
    const body = await rejected(`${PERCENT}/2020/KENT`, { target: 'fifty', floor: null, floorAssumed: false });
    expect(body.message).toBe("body field 'target' must be a number, got 'fifty'");
  });
});

describe('setting and deleting a target', () => {
  it('sets next year’s target: the scorecard follows at once and the carry stops', async () => {
    expect(await scorecardRow('month=2019-06', PERCENT)).toMatchObject({ target: 45, targetCarriedForward: true, targetFromYear: 2018, status: 'green' });

    const response = await put(analyst, `${PERCENT}/2020/KENT`, { target: 70, floor: 55, floorAssumed: false });
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ indicatorCode: PERCENT, year: 2020, geographyCode: 'KENT', target: 70, floor: 55, floorAssumed: false });

    // 60 % misses 70 and meets the floor of 55.
    expect(await scorecardRow('month=2019-06', PERCENT)).toMatchObject({
      target: 70, floor: 55, floorAssumed: false, targetYear: 2020, targetCarriedForward: false, targetFromYear: null, status: 'amber',
    });
    const body = await targetsOf(PERCENT);
    expect(body.carriedForward).toEqual([{ indicatorCode: PERCENT, geographyCode: 'KENT', fromYear: 2018, fromGeographyCode: 'KENT', years: [2019] }]);
    expect(body.targets.find((row: { year: number }) => row.year === 2020)).toMatchObject({ target: 70, carriedForward: false });
  });

  it('records who changed what, before and after', async () => {
    const entries = await auditEntries('target_set');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toEqual({
      user_email: analyst.user.email, action: 'target_set', object: `${PERCENT}/2020/KENT`,
      details: { before: null, after: { indicatorCode: PERCENT, year: 2020, geographyCode: 'KENT', target: 70, floor: 55, floorAssumed: false } },
    });
    // Changing it again keeps the earlier value in the entry; a floor equal to the target is allowed.
    expect((await put(analyst, `${PERCENT}/2020/KENT`, { target: 60, floor: 60, floorAssumed: true })).statusCode).toBe(200);
    expect((await auditEntries('target_set'))[1].details).toEqual({
      before: { indicatorCode: PERCENT, year: 2020, geographyCode: 'KENT', target: 70, floor: 55, floorAssumed: false },
      after: { indicatorCode: PERCENT, year: 2020, geographyCode: 'KENT', target: 60, floor: 60, floorAssumed: true },
    });
    expect(await scorecardRow('month=2019-06', PERCENT)).toMatchObject({ target: 60, floor: 60, status: 'green' });
  });

  it('deletes a row (administrators too): the earlier target is carried forward again, and the deletion audited', async () => {
    const response = await admin.inject({ method: 'DELETE', url: `/api/targets/${PERCENT}/2020/KENT` });
    expect(response.statusCode, response.body).toBe(204);
    expect(await scorecardRow('month=2019-06', PERCENT)).toMatchObject({ target: 45, targetCarriedForward: true, targetFromYear: 2018 });
    const [entry] = await auditEntries('target_deleted');
    expect(entry).toMatchObject({
      user_email: admin.user.email, object: `${PERCENT}/2020/KENT`,
      details: { before: { target: 60, floor: 60, floorAssumed: true }, after: null },
    });
    const again = await admin.inject({ method: 'DELETE', url: `/api/targets/${PERCENT}/2020/KENT` });
    expect(again.statusCode).toBe(404);
    expect(again.json().message).toBe(`No target is set for ${PERCENT} in 2020 at KENT`);
  });
});

describe('while an import runs', () => {
  it('refuses a change with 409 rather than waiting for the data lock, and stores nothing', async () => {
    const importing = await t.pool.connect();
    try {
      await importing.query('BEGIN');
      await importing.query('SELECT pg_advisory_xact_lock($1)', [DATA_LOCK]);
      const before = await storedTargets();
      const response = await put(analyst, `${PERCENT}/2021/KENT`, { target: 50, floor: null, floorAssumed: false });
      expect(response.statusCode, response.body).toBe(409);
      expect(response.json()).toEqual({ error: 'conflict', message: 'An import or a refresh of the figures is running: try again when it has finished.' });
      expect(await storedTargets()).toEqual(before);
    } finally {
      await importing.query('ROLLBACK');
      importing.release();
    }
    expect((await put(analyst, `${PERCENT}/2021/KENT`, { target: 50, floor: null, floorAssumed: false })).statusCode).toBe(200);
  });
});
