// GET /api/activity and /api/activity/{code}/series (api.md 1.1): activity counts summed over the geography,
// judged against their XmR range or a fixed range, from hand-made records on real PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { ACTIVITY_MEASURES } from '../../../api/src/indicators/catalog.js';
import { monthRange } from '../../../api/src/lib/months.js';
import { refreshResults } from '../../../api/src/results/refresh.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertDistricts } from '../indicators/support.js';

// Referrals in DAR from January 2015: 10 12 11 13 repeated for 23 months, then 30 in December 2016; GRA
// has 2 every month; CAN none.
const MONTHS = monthRange('2015-01', '2016-12');
const PATTERN = [10, 12, 11, 13];
const darCount = (i: number) => (i === 23 ? 30 : PATTERN[i % 4]!);

// December 2016 in DAR, by hand: the 23 pattern months sum 5 × 46 + 10 + 12 + 11 = 263, with the 30: 293 over 24;
// moving ranges 2 1 2 3 five times and 2 1 (43), then |30 − 11| = 19: 62 over 23.
const DEC_MEAN = 293 / 24;
const DEC_SPREAD = (2.66 * 62) / 23;

let t: TestDatabase;
let app: App;
let api: SignedInClient;

async function get(url: string) {
  const response = await api.inject(url);
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
}

function item(body: { items: { code: string }[] }, code: string) {
  const found = body.items.find((i) => i.code === code);
  if (!found) throw new Error(`no ${code}`);
  return found as Record<string, unknown>;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await insertDistricts(t.pool);
  const rows: string[] = [];
  MONTHS.forEach((month, i) => {
    for (let n = 0; n < darCount(i); n++) rows.push(`('D${i}-${n}', 'K${i}-${n}', 'DAR', '${month}-${String(n % 28 + 1).padStart(2, '0')}')`);
    for (let n = 0; n < 2; n++) rows.push(`('G${i}-${n}', 'L${i}-${n}', 'GRA', '${month}-15')`);
  });
  await t.pool.query(`INSERT INTO scs_referrals VALUES ${rows.join(', ')}`);
  // As an import of an extract taken on 31 December 2016 leaves it.
  await t.pool.query(`INSERT INTO dataset_coverage (dataset, as_at) VALUES ('scs_referrals', '2016-12-31')`);
  // A fixed range for DAR in 2016-17 (April 2016 to March 2017) only.
  await t.pool.query(`INSERT INTO activity_ranges VALUES ('act_scs_referrals', 2017, 'DAR', 5, 40)`);
  await refreshResults(t.pool);
  app = await buildApp({ pool: t.pool });
  api = await signedIn(app, t.pool, 'viewer');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('GET /api/activity', () => {
  it('lists every activity indicator of the catalogue, in its order, for the month and geography', async () => {
    const body = await get('/api/activity?month=2016-12');
    expect(body.month).toBe('2016-12');
    expect(body.geography).toEqual({ type: 'county', code: 'KENT', name: 'Kent' });
    expect(body.items.map((i: { code: string }) => i.code)).toEqual(ACTIVITY_MEASURES.map((m) => m.code));
  });

  it('gives the XmR centre line, limits and a special cause when the month is beyond the upper limit', async () => {
    // GRA's range was loaded for DAR only: GRA and the county are judged by XmR.
    const gra = item(await get('/api/activity?month=2016-12&district=GRA'), 'act_scs_referrals');
    expect(gra).toMatchObject({ value: 2, mean: 2, lower: 2, upper: 2, fixedRange: false, signal: 'common_cause' });
    const north = item(await get('/api/activity?month=2016-12&area=NORTH'), 'act_scs_referrals');
    expect(north.value).toBe(32);
    expect(north.mean).toBeCloseTo(DEC_MEAN + 2, 10);
    expect(north.lower).toBeCloseTo(DEC_MEAN + 2 - DEC_SPREAD, 10);
    expect(north.upper).toBeCloseTo(DEC_MEAN + 2 + DEC_SPREAD, 10);
    expect(north.signal).toBe('special_cause_high');
    expect(item(await get('/api/activity?month=2016-12'), 'act_scs_referrals')).toMatchObject({ value: 32, signal: 'special_cause_high' });
  });

  it("uses the fixed range loaded for the month's financial year and geography instead of the limits", async () => {
    expect(item(await get('/api/activity?month=2016-12&district=DAR'), 'act_scs_referrals'))
      .toEqual({ code: 'act_scs_referrals', title: "Referrals to Specialist Children's Services", value: 30, mean: null, lower: 5, upper: 40, fixedRange: true, signal: 'common_cause' });
    // March 2016 is in 2015-16: no range loaded, so XmR
    expect(item(await get('/api/activity?month=2016-03&district=DAR'), 'act_scs_referrals')).toMatchObject({ fixedRange: false, signal: 'common_cause' });
  });

  it('gives no signal before there are 12 months with a value, and no value outside coverage', async () => {
    const november = item(await get('/api/activity?month=2015-11&district=DAR'), 'act_scs_referrals');
    expect(november).toMatchObject({ value: 11, mean: null, lower: null, upper: null, signal: null });
    const december = item(await get('/api/activity?month=2015-12&district=DAR'), 'act_scs_referrals');
    expect(december).toMatchObject({ value: 13, signal: 'common_cause' });
    expect(december.mean).toBeCloseTo(138 / 12, 10);
    // No early help records at all: no value, never a zero.
    expect(item(await get('/api/activity?month=2016-12'), 'act_eh_notifications')).toMatchObject({ value: null, signal: null });
  });

  it('rejects a malformed month, a month outside the data and two geographies', async () => {
    for (const url of ['/api/activity?month=2016-13', '/api/activity?month=2019-01', '/api/activity', '/api/activity?month=2016-12&area=NORTH&district=DAR', '/api/activity?month=2016-12&district=XYZ']) {
      const response = await api.inject(url);
      expect(response.statusCode, url).toBe(400);
      expect(response.json().error).toBe('bad_request');
    }
  });
});

describe('GET /api/indicators', () => {
  it('serves the activity indicators from the one catalogue', async () => {
    const body = await get('/api/indicators');
    expect(body.activityMeasures.map((m: { code: string }) => m.code)).toEqual(ACTIVITY_MEASURES.map((m) => m.code));
    expect(body.activityMeasures[0]).toEqual({
      code: 'act_eh_notifications', title: 'Early help notifications', unit: 'count',
      definition: 'Early help cases notified in the month.', source: 'early_help_cases',
    });
  });
});

describe('GET /api/activity/{code}/series', () => {
  it('gives each month its own range and signal, the last the same as the month view', async () => {
    const body = await get('/api/activity/act_scs_referrals/series?area=NORTH&from=2016-01&to=2016-12');
    expect(body.points.map((p: { month: string }) => p.month)).toEqual(monthRange('2016-01', '2016-12'));
    const { code: _code, title: _title, ...last } = item(await get('/api/activity?month=2016-12&area=NORTH'), 'act_scs_referrals');
    expect(body.points.at(-1)).toEqual({ month: '2016-12', ...last });
    expect(body.points[0]).toMatchObject({ month: '2016-01', value: 12, signal: 'common_cause' });
  });

  it('defaults to the two years up to the latest month', async () => {
    const body = await get('/api/activity/act_scs_referrals/series');
    expect(body.points.map((p: { month: string }) => p.month)).toEqual(MONTHS);
    expect(body.points[0]).toMatchObject({ value: 12, signal: null });
  });

  it('answers 404 for a code that is not an activity indicator', async () => {
    for (const code of ['nothing', 'neet_16_18_pct']) {
      const response = await api.inject(`/api/activity/${code}/series`);
      expect(response.statusCode).toBe(404);
      expect(response.json().error).toBe('not_found');
    }
  });
});
