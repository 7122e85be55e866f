// Series, caseloads, months, indicators, health, and every error path of the data routes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { INDICATORS } from '../../../api/src/indicators/catalog.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { seedScorecardData } from './seed.js';

let t: TestDatabase;
let app: App;
let api: SignedInClient;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedScorecardData(t.pool);
  app = await buildApp({ pool: t.pool });
  api = await signedIn(app, t.pool, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

async function get(url: string, status = 200) {
  const response = await api.inject(url);
  expect(response.statusCode, response.body).toBe(status);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  return response.json();
}

describe('GET /api/health', () => {
  it('answers ok when the database answers', async () => {
    expect(await get('/api/health')).toEqual({ status: 'ok', database: 'ok' });
  });
});

describe('GET /api/indicators', () => {
  it('serves the catalogue in the plan order with camelCase fields', async () => {
    const body = await get('/api/indicators');
    expect(body.indicators.map((i: { code: string }) => i.code)).toEqual(INDICATORS.map((i) => i.code));
    expect(body.indicators[0]).toMatchObject({
      code: 'eh_stepped_up_to_scs_pct', unit: 'percent', polarity: 'lower_is_better', yearBasis: 'financial',
      theme: 'Early help casework', source: 'early_help_cases',
    });
    expect(typeof body.indicators[0].definition).toBe('string');
    expect(body.indicators[0].numerator).toMatch(/stepped up/);
    expect(body.contextMeasures.map((m: { code: string }) => m.code)).toContain('pa_primary_15pct');
  });
});

describe('GET /api/months', () => {
  it('gives the first and latest month the data covers, and the latest every dataset covers', async () => {
    expect(await get('/api/months')).toEqual({ first: '2014-04', latest: '2015-12', latestComplete: '2015-12' });
  });
});

describe('GET /api/geographies', () => {
  it('lists the county, the areas with their districts, and the districts', async () => {
    expect(await get('/api/geographies')).toEqual({
      county: { code: 'KENT', name: 'Kent' },
      areas: [{ code: 'EAST', name: 'East', districtCodes: ['CAN'] }, { code: 'NORTH', name: 'North', districtCodes: ['DAR', 'GRA'] }],
      districts: [
        { code: 'CAN', name: 'Canterbury', areaCode: 'EAST' },
        { code: 'DAR', name: 'Dartford', areaCode: 'NORTH' },
        { code: 'GRA', name: 'Gravesham', areaCode: 'NORTH' },
      ],
    });
  });
});

describe('GET /api/indicators/{code}/series', () => {
  it('gives the county points in [from, to] with target, floor and status per month', async () => {
    const body = await get('/api/indicators/eh_closed_positive_outcome_pct/series?from=2015-03&to=2015-05');
    expect(body.code).toBe('eh_closed_positive_outcome_pct');
    expect(body.points).toEqual([
      // Financial 2015 has no target; 2016: target 20, floor 15 (19.5 → amber, 20 → green).
      expect.objectContaining({ month: '2015-03', geographyCode: 'KENT', value: 18, numerator: 18, denominator: 100, target: null, floor: null, status: 'no_target' }),
      expect.objectContaining({ month: '2015-04', geographyCode: 'KENT', value: 19.5, target: 20, floor: 15, status: 'amber' }),
      expect.objectContaining({ month: '2015-05', geographyCode: 'KENT', value: 20, target: 20, floor: 15, status: 'green' }),
    ]);
  });
  it('covers every month of the data by default (2014-04 … 2015-12: 21 months)', async () => {
    const body = await get('/api/indicators/eh_closed_positive_outcome_pct/series');
    expect(body.points).toHaveLength(21);
    expect(body.points[0]).toMatchObject({ month: '2014-04', value: null, status: 'no_data' });
    expect(body.points[20].month).toBe('2015-12');
  });
  it('breaks down by district with each district own target', async () => {
    const body = await get('/api/indicators/eh_plans_within_4_weeks_pct/series?from=2015-06&to=2015-06&by=district');
    const points = Object.fromEntries(body.points.map((p: { geographyCode: string }) => [p.geographyCode, p]));
    expect(Object.keys(points).sort()).toEqual(['CAN', 'DAR', 'GRA']);
    expect(points.DAR).toMatchObject({ value: 90, target: 95, status: 'red' });
    expect(points.GRA).toMatchObject({ value: 10, target: 40, floor: 30, status: 'red' });
    expect(points.CAN).toMatchObject({ value: 50, target: 40, status: 'green' });
  });
  it('breaks down by area with summed numerators and denominators, and by district inside an area', async () => {
    const byArea = await get('/api/indicators/eh_plans_within_4_weeks_pct/series?from=2015-06&to=2015-06&by=area');
    const north = byArea.points.find((p: { geographyCode: string }) => p.geographyCode === 'NORTH');
    expect(north).toMatchObject({ numerator: 19, denominator: 110 });
    expect(north.value).toBeCloseTo(17.2727, 3);
    expect(byArea.points.find((p: { geographyCode: string }) => p.geographyCode === 'EAST')).toMatchObject({ value: 50 });
    const inNorth = await get('/api/indicators/eh_plans_within_4_weeks_pct/series?from=2015-06&to=2015-06&area=NORTH&by=district');
    expect(inNorth.points.map((p: { geographyCode: string }) => p.geographyCode).sort()).toEqual(['DAR', 'GRA']);
  });
  it('gives a district series and a count series without denominators', async () => {
    const body = await get('/api/indicators/yj_first_time_entrants/series?from=2015-06&to=2015-06&district=DAR');
    expect(body.points).toEqual([expect.objectContaining({ month: '2015-06', geographyCode: 'DAR', value: 5, denominator: null, target: 4, floor: 6, status: 'amber' })]);
  });
  it('serves a context measure series too (never scored)', async () => {
    const body = await get('/api/indicators/caseload_open/series?from=2015-06&to=2015-06');
    expect(body.points).toEqual([expect.objectContaining({ value: 350, target: null, status: 'no_target' })]);
  });
  it('rejects an unknown code (404), from after to, months outside the data and by=area in a district (400)', async () => {
    expect(await get('/api/indicators/no_such_kpi/series', 404)).toEqual({ error: 'not_found', message: expect.stringContaining("'no_such_kpi'") });
    expect((await get('/api/indicators/neet_16_18_pct/series?from=2015-06&to=2015-01', 400)).message).toBe('from=2015-06 is after to=2015-01');
    expect((await get('/api/indicators/neet_16_18_pct/series?from=2010-01', 400)).message).toMatch(/from=2010-01 is outside the data, which covers 2014-04 to 2015-12/);
    expect((await get('/api/indicators/neet_16_18_pct/series?to=2015-1', 400)).message).toMatch(/'to' must be a month as YYYY-MM/);
    expect((await get('/api/indicators/neet_16_18_pct/series?district=DAR&by=area', 400)).message).toMatch(/by=area needs the county or an area/);
    expect((await get('/api/indicators/neet_16_18_pct/series?by=ward', 400)).message).toMatch(/'by' must be one of district, area/);
  });
});

describe('GET /api/caseloads', () => {
  it('gives each district current caseload with the baseline and target effective at the month', async () => {
    const body = await get('/api/caseloads?month=2015-06');
    expect(body.month).toBe('2015-06');
    const districts = Object.fromEntries(body.districts.map((d: { code: string }) => [d.code, d]));
    expect(districts.DAR).toEqual({ code: 'DAR', name: 'Dartford', areaCode: 'NORTH', current: 100, baseline: 90, target: 80, coverage: 'full' });
    expect(districts.GRA).toEqual({ code: 'GRA', name: 'Gravesham', areaCode: 'NORTH', current: 200, baseline: 210, target: 190, coverage: 'full' });
    expect(districts.CAN).toEqual({ code: 'CAN', name: 'Canterbury', areaCode: 'EAST', current: 50, baseline: null, target: null, coverage: 'full' });
  });
  it('sums areas and the county, with a null baseline/target when a district has none', async () => {
    const body = await get('/api/caseloads?month=2015-06');
    const areas = Object.fromEntries(body.areas.map((a: { code: string }) => [a.code, a]));
    expect(areas.NORTH).toEqual({ code: 'NORTH', name: 'North', areaCode: 'NORTH', current: 300, baseline: 300, target: 270, coverage: 'full' });
    expect(areas.EAST).toMatchObject({ current: 50, baseline: null, target: null });
    expect(body.county).toEqual({ code: 'KENT', name: 'Kent', areaCode: null, current: 350, baseline: null, target: null, coverage: 'full' });
  });
  it('has no baseline before any is effective and the latest one after a change', async () => {
    const before = await get('/api/caseloads?month=2015-05');
    expect(before.districts.every((d: { baseline: unknown; target: unknown }) => d.baseline === null && d.target === null)).toBe(true);
    const later = await get('/api/caseloads?month=2015-10');
    expect(later.districts.find((d: { code: string }) => d.code === 'DAR')).toMatchObject({ current: 110, baseline: 95, target: 70 });
    expect(later.districts.find((d: { code: string }) => d.code === 'GRA')).toMatchObject({ current: null, baseline: 210 });
  });
  it('rejects a missing month and an unknown parameter', async () => {
    expect(await get('/api/caseloads', 400)).toEqual({ error: 'bad_request', message: "missing query parameter 'month'" });
    expect(await get('/api/caseloads?month=2015-06&district=DAR', 400)).toEqual({ error: 'bad_request', message: "unknown query parameter 'district'" });
  });
});

describe('errors of the scorecard parameters', () => {
  const cases: [string, RegExp][] = [
    ['/api/scorecard', /^missing query parameter 'month'$/],
    ['/api/scorecard?month=2015-13', /^query parameter 'month' must be a month as YYYY-MM, got '2015-13'$/],
    ['/api/scorecard?month=June', /^query parameter 'month' must be a month as YYYY-MM, got 'June'$/],
    ['/api/scorecard?month=2015-06&month=2015-07', /'month' must be a string, got 2 values/],
    ['/api/scorecard?month=2030-01', /^month=2030-01 is outside the data, which covers 2014-04 to 2015-12$/],
    ['/api/scorecard?month=2015-06&area=NOWHERE', /^unknown area 'NOWHERE' \(known areas: EAST, NORTH\)$/],
    ['/api/scorecard?month=2015-06&district=XXX', /^unknown district 'XXX' \(known districts: CAN, DAR, GRA\)$/],
    ['/api/scorecard?month=2015-06&area=NORTH&district=DAR', /^give either area or district, not both/],
    ['/api/scorecard?month=2015-06&area=', /'area' must not be empty/],
    ['/api/scorecard?month=2015-06&foo=1', /^unknown query parameter 'foo'$/],
    ['/api/health?verbose=1', /^unknown query parameter 'verbose'$/],
    ['/api/months?x=1', /^unknown query parameter 'x'$/],
  ];
  it.each(cases)('%s → 400 naming the parameter', async (url, message) => {
    const body = await get(url, 400);
    expect(body.error).toBe('bad_request');
    expect(body.message).toMatch(message);
    expect(Object.keys(body).sort()).toEqual(['error', 'message']);
  });
  it('answers unknown /api routes with a JSON 404', async () => {
    expect(await get('/api/nothing-here', 404)).toEqual({ error: 'not_found', message: 'No route for GET /api/nothing-here' });
    const post = await api.inject({ method: 'POST', url: '/api/scorecard?month=2015-06' });
    expect(post.statusCode).toBe(404);
    expect(post.json().error).toBe('not_found');
  });
});
