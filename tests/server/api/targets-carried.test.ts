// Targets after the plan (indicators.md): when the target year has none, the latest earlier year's target
// and floor apply, found with the geography rule in each year searched, marked as carried forward in the
// scorecard, the series and the exports; a later target, once loaded, stops the carry.
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertFullCoverage } from '../../support/coverage.js';
import { getCsv, getWorkbook } from '../export/helpers.js';
import { insertDistricts, insertMonths, insertResults, insertTarget } from './seed.js';

let t: TestDatabase;
let app: App;
let api: SignedInClient;

const PERCENT = 'eh_plans_within_4_weeks_pct'; // financial year, higher is better
const COUNT = 'yj_first_time_entrants'; // financial year, lower is better
const ACADEMIC = 'excl_fixed_primary'; // academic year count, lower is better

beforeAll(async () => {
  t = await createTestDatabase();
  await insertDistricts(t.pool); // DAR, GRA (NORTH), CAN (EAST)
  await insertMonths(t.pool, '2017-01', '2019-12');
  await insertResults(t.pool, [
    // 2019-06 (financial 2020, academic 2019): DAR 60 %, GRA 30 %, CAN 50 %; counts DAR 5, GRA 7, CAN 3.
    [PERCENT, '2019-06', 'DAR', 60, 100], [PERCENT, '2019-06', 'GRA', 30, 100], [PERCENT, '2019-06', 'CAN', 50, 100],
    [COUNT, '2019-06', 'DAR', 5, null], [COUNT, '2019-06', 'GRA', 7, null], [COUNT, '2019-06', 'CAN', 3, null],
    [ACADEMIC, '2019-06', 'DAR', 6, null],
    [PERCENT, '2017-06', 'DAR', 60, 100],
  ]);
  // Percent: the county 2017 and 2018; Dartford its own 2017 only (older than the county's 2018).
  await insertTarget(t.pool, PERCENT, 2017, 'KENT', 40, 30, true);
  await insertTarget(t.pool, PERCENT, 2018, 'KENT', 45, 35, true);
  await insertTarget(t.pool, PERCENT, 2017, 'DAR', 70, 65);
  // Count: the county 2018; Dartford its own 2017. Gravesham and the areas have none.
  await insertTarget(t.pool, COUNT, 2018, 'KENT', 14, 16);
  await insertTarget(t.pool, COUNT, 2017, 'DAR', 4, 6);
  // Academic count: the county 2018 only.
  await insertTarget(t.pool, ACADEMIC, 2018, 'KENT', 10, null);
  await insertFullCoverage(t.pool);
  app = await buildApp({ pool: t.pool });
  api = await signedIn(app, t.pool, 'viewer');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

async function row(query: string, code: string) {
  const response = await api.inject(`/api/scorecard?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json().indicators.find((i: { code: string }) => i.code === code);
}

describe('scorecard rows after the plan', () => {
  it('carries the county percent target of the last target year forward, with its floor, keeping targetYear', async () => {
    expect(await row('month=2019-06', PERCENT)).toMatchObject({
      value: (100 * 140) / 300, target: 45, floor: 35, floorAssumed: true, targetYear: 2020,
      targetGeographyCode: 'KENT', targetCarriedForward: true, targetFromYear: 2018, status: 'green',
    });
  });
  it('applies the geography rule in each year searched: a district takes the county 2018 target over its own 2017 one', async () => {
    expect(await row('month=2019-06&district=DAR', PERCENT)).toMatchObject({
      value: 60, target: 45, floor: 35, targetGeographyCode: 'KENT', targetCarriedForward: true, targetFromYear: 2018, status: 'green',
    });
    expect(await row('month=2019-06&district=GRA', PERCENT)).toMatchObject({ value: 30, target: 45, floor: 35, status: 'red' });
    expect(await row('month=2019-06&area=NORTH', PERCENT)).toMatchObject({ value: 45, target: 45, targetFromYear: 2018, status: 'green' });
  });
  it('never lets a count borrow another geography target: the county carries its own, Dartford its own older one', async () => {
    expect(await row('month=2019-06', COUNT)).toMatchObject({
      value: 15, target: 14, floor: 16, targetGeographyCode: 'KENT', targetCarriedForward: true, targetFromYear: 2018, status: 'amber',
    });
    expect(await row('month=2019-06&district=DAR', COUNT)).toMatchObject({
      value: 5, target: 4, floor: 6, targetGeographyCode: 'DAR', targetCarriedForward: true, targetFromYear: 2017, status: 'amber',
    });
    expect(await row('month=2019-06&district=GRA', COUNT)).toMatchObject({
      value: 7, target: null, floor: null, targetCarriedForward: false, targetFromYear: null, status: 'no_target',
    });
    expect(await row('month=2019-06&area=NORTH', COUNT)).toMatchObject({ value: 12, target: null, status: 'no_target' });
  });
  it('carries an academic-year target by the academic year, and not to a district for a count', async () => {
    expect(await row('month=2019-06', ACADEMIC)).toMatchObject({ value: 6, targetYear: 2019, target: 10, targetFromYear: 2018, status: 'green' });
    expect(await row('month=2019-06&district=DAR', ACADEMIC)).toMatchObject({ value: 6, target: null, status: 'no_target' });
  });
  it('marks a target of the year itself as not carried', async () => {
    expect(await row('month=2017-06&district=DAR', PERCENT)).toMatchObject({
      targetYear: 2018, target: 45, targetCarriedForward: false, targetFromYear: null,
    });
  });
  it('has no target before the first target year', async () => {
    expect(await row('month=2017-03&district=DAR', COUNT)).toMatchObject({ targetYear: 2017, target: 4, targetCarriedForward: false });
    expect(await row('month=2017-03', COUNT)).toMatchObject({ targetYear: 2017, target: null, targetCarriedForward: false, targetFromYear: null });
  });
});

describe('series points after the plan', () => {
  it('marks each month whose target is carried, per geography', async () => {
    const response = await api.inject(`/api/indicators/${COUNT}/series?from=2018-03&to=2018-04&by=district`);
    expect(response.statusCode, response.body).toBe(200);
    const points = response.json().points as { month: string; geographyCode: string }[];
    const at = (month: string, code: string) => points.find((p) => p.month === month && p.geographyCode === code);
    // 2018-03 is financial 2018: Dartford carries its 2017 target; 2018-04 (2019) still carries it.
    expect(at('2018-03', 'DAR')).toMatchObject({ targetYear: 2018, target: 4, targetCarriedForward: true, targetFromYear: 2017 });
    expect(at('2018-04', 'DAR')).toMatchObject({ targetYear: 2019, target: 4, targetCarriedForward: true, targetFromYear: 2017 });
    expect(at('2018-03', 'GRA')).toMatchObject({ target: null, targetCarriedForward: false, targetFromYear: null });
    const county = await api.inject(`/api/indicators/${COUNT}/series?from=2018-03&to=2018-04`);
    expect(county.json().points).toMatchObject([
      { month: '2018-03', target: 14, targetCarriedForward: false, targetFromYear: null },
      { month: '2018-04', target: 14, targetCarriedForward: true, targetFromYear: 2018 },
    ]);
  });
});

describe('exports after the plan', () => {
  it('scorecard CSV: target_carried_forward and target_from_year beside target_year', async () => {
    const csv = await getCsv(api, '/api/export/scorecard.csv?month=2019-06&district=DAR');
    expect(csv.records.find((r) => r.code === PERCENT)).toMatchObject({
      target_year: '2020', target: '45', floor: '35', target_carried_forward: 'true', target_from_year: '2018',
    });
    expect(csv.records.find((r) => r.code === ACADEMIC)).toMatchObject({ target: '', target_carried_forward: 'false', target_from_year: '' });
  });
  it('series CSV: the same two columns per point', async () => {
    const csv = await getCsv(api, `/api/export/series.csv?code=${COUNT}&from=2018-03&to=2018-04`);
    expect(csv.records.map((r) => [r.month, r.target, r.target_carried_forward, r.target_from_year])).toEqual([
      ['2018-03', '14', 'false', ''], ['2018-04', '14', 'true', '2018'],
    ]);
  });
  it('workbook: the Scorecard sheet names the year a carried target comes from', async () => {
    const { workbook } = await getWorkbook(api, '/api/export/scorecard.xlsx?month=2019-06');
    const ws = workbook.getWorksheet('Scorecard')!;
    expect(ws.getRow(2).getCell(17).value).toBe('Target carried forward from');
    let line: ExcelJS.Row | undefined;
    ws.eachRow((r) => { if (r.getCell(1).value === PERCENT) line = r; });
    expect([line!.getCell(8).value, line!.getCell(9).value, line!.getCell(17).value]).toEqual([2020, 45, 2018]);
  });
});

describe('a later target stops the carry', () => {
  it('uses the target of the year once loaded, and carries it to the years after', async () => {
    await insertTarget(t.pool, PERCENT, 2020, 'KENT', 50, 40);
    expect(await row('month=2019-06&district=DAR', PERCENT)).toMatchObject({
      target: 50, floor: 40, floorAssumed: false, targetCarriedForward: false, targetFromYear: null, status: 'green',
    });
    expect(await row('month=2019-06&district=GRA', PERCENT)).toMatchObject({ target: 50, status: 'red' });
    expect(await row('month=2019-12', PERCENT)).toMatchObject({ targetYear: 2020, targetCarriedForward: false });
  });
});
