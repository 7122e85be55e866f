// A status that never contradicts the figure beside it: the workbook shows a value that misses a threshold
// it equals at one decimal place with the decimals to see the difference; the CSV holds it unrounded.
import type ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { COUNT_FORMAT, PERCENT_FORMAT } from '../../../api/src/export/workbook.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertFullCoverage } from '../../support/coverage.js';
import { insertDistricts, insertMonths, insertResults, insertTarget } from '../api/seed.js';
import { getCsv, getWorkbook } from './helpers.js';

let t: TestDatabase;
let app: App;
let api: SignedInClient;

beforeAll(async () => {
  t = await createTestDatabase();
  await insertDistricts(t.pool); // DAR, GRA (NORTH), CAN (EAST)
  await insertMonths(t.pool, '2015-01', '2015-06');
  await insertResults(t.pool, [
    // Higher is better, target 80, floor 70: Dartford 7996 / 10000 = 79.96 % (amber beside a target of 80.0 %);
    // Gravesham 699.7 / 1000 = 69.97 % (red beside a floor of 70.0 %); Canterbury 296.2 / 370 ≈ 80.05 % (green,
    // shown 80.1 %); Kent 8991.9 / 11370 ≈ 79.08 % (amber, near neither).
    ['eh_plans_within_4_weeks_pct', '2015-06', 'DAR', 7996, 10000],
    ['eh_plans_within_4_weeks_pct', '2015-06', 'GRA', 699.7, 1000],
    ['eh_plans_within_4_weeks_pct', '2015-06', 'CAN', 296.2, 370],
    // Lower is better, counts: target 1700 → 1701 misses it but never looks equal (whole numbers).
    ['yj_first_time_entrants', '2015-06', 'DAR', 1701, null],
  ]);
  await insertTarget(t.pool, 'eh_plans_within_4_weeks_pct', 2016, 'KENT', 80, 70);
  await insertTarget(t.pool, 'yj_first_time_entrants', 2016, 'DAR', 1700, 1800);
  await insertFullCoverage(t.pool);
  app = await buildApp({ pool: t.pool });
  api = await signedIn(app, t.pool, 'viewer');
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

function rowOf(ws: ExcelJS.Worksheet, code: string): ExcelJS.Row {
  let found: ExcelJS.Row | undefined;
  ws.eachRow((r) => { if (r.getCell(1).value === code) found = r; });
  expect(found, code).toBeDefined();
  return found!;
}

describe('decimals beside a missed threshold in the workbook', () => {
  it('shows a value that rounds to a missed target or floor with two decimals, the thresholds as usual', async () => {
    const dar = (await getWorkbook(api, '/api/export/scorecard.xlsx?month=2015-06&district=DAR')).workbook;
    const amber = rowOf(dar.getWorksheet('Scorecard')!, 'eh_plans_within_4_weeks_pct');
    expect(amber.getCell(12).value).toBe('Amber');
    expect([amber.getCell(5).numFmt, amber.getCell(9).numFmt, amber.getCell(10).numFmt]).toEqual(['0.00', PERCENT_FORMAT, PERCENT_FORMAT]);
    const gra = (await getWorkbook(api, '/api/export/scorecard.xlsx?month=2015-06&district=GRA')).workbook;
    const line = rowOf(gra.getWorksheet('Scorecard')!, 'eh_plans_within_4_weeks_pct');
    expect(line.getCell(12).value).toBe('Red');
    expect(line.getCell(5).value).toBeCloseTo(69.97, 10);
    expect([line.getCell(5).numFmt, line.getCell(9).numFmt, line.getCell(10).numFmt]).toEqual(['0.00', PERCENT_FORMAT, PERCENT_FORMAT]);
  });
  it('keeps one decimal where the value does not look equal to what it misses, or meets what it rounds to', async () => {
    const kent = (await getWorkbook(api, '/api/export/scorecard.xlsx?month=2015-06')).workbook;
    const percent = rowOf(kent.getWorksheet('Scorecard')!, 'eh_plans_within_4_weeks_pct');
    expect(percent.getCell(12).value).toBe('Amber'); // 79.08 % misses 80, meets 70, looks equal to neither
    expect(percent.getCell(5).numFmt).toBe(PERCENT_FORMAT);
    const dar = (await getWorkbook(api, '/api/export/scorecard.xlsx?month=2015-06&district=DAR')).workbook;
    expect(rowOf(dar.getWorksheet('Scorecard')!, 'yj_first_time_entrants').getCell(5).numFmt).toBe(COUNT_FORMAT);
    const can = (await getWorkbook(api, '/api/export/scorecard.xlsx?month=2015-06&district=CAN')).workbook;
    const green = rowOf(can.getWorksheet('Scorecard')!, 'eh_plans_within_4_weeks_pct');
    expect(green.getCell(12).value).toBe('Green'); // 80.05 % shown 80.1 %
    expect(green.getCell(5).numFmt).toBe(PERCENT_FORMAT);
  });
  it('gives the By district sheet the same decimals beside each status', async () => {
    const kent = (await getWorkbook(api, '/api/export/scorecard.xlsx?month=2015-06')).workbook;
    const ws = kent.getWorksheet('By district')!;
    const header = ws.getRow(1);
    // Each district's name spans its value and status columns: the value is the first.
    const column = (name: string) => {
      let found = 0;
      header.eachCell((cell, n) => { if (found === 0 && String(cell.value).startsWith(name)) found = n; });
      return found;
    };
    const line = rowOf(ws, 'eh_plans_within_4_weeks_pct');
    expect(line.getCell(column('Gravesham') + 1).value).toBe('Red');
    expect(line.getCell(column('Gravesham')).numFmt).toBe('0.00');
    expect(line.getCell(column('Dartford')).numFmt).toBe('0.00');
    expect(line.getCell(column('Canterbury')).numFmt).toBe(PERCENT_FORMAT);
  });
});

describe('the CSV holds unrounded values', () => {
  it('writes 69.97 as it is, so nothing rounds it up to the floor', async () => {
    const csv = await getCsv(api, '/api/export/scorecard.csv?month=2015-06&district=GRA');
    const row = csv.records.find((r) => r.code === 'eh_plans_within_4_weeks_pct')!;
    expect(Number(row.value)).toBeCloseTo(69.97, 10);
    expect(row).toMatchObject({ status: 'red', target: '80', floor: '70' });
  });
});
