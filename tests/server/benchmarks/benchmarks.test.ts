// Benchmarks on small hand-made tables (indicators.md, "Benchmarks"): the rank among local authorities with
// a value (ties share the better rank), its quartile band at the edges, polarity, missing values (`-`),
// authorities present in some years only, the period a month reads, England, the region (names without
// regard to case, London boroughs to London), the neighbours' mean with its count (latest group version),
// and the API's `benchmark` on scorecard rows and GET /api/benchmarks/{code}.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertFullCoverage } from '../../support/coverage.js';
import { insertDistricts, insertMonths, insertResults } from '../api/seed.js';
import { getCsv, getWorkbook } from '../export/helpers.js';

let t: TestDatabase;
beforeAll(async () => { t = await createTestDatabase(); });
afterAll(() => t.drop());

/** [la_number, value or null for '-', geography_level (default local_authority), name, region] */
type Value = [la: number, value: number | null, level?: string, name?: string, region?: string | null];

async function measure(code: string, polarity: 'High' | 'Low' | '-', yearType = 'Academic Year'): Promise<void> {
  await t.pool.query(`INSERT INTO benchmark_measures VALUES ($1, $1, $2, '%', $3, '2', 'd', 'DfE', 'https://example.org')`,
    [code, polarity, yearType]);
}

async function values(code: string, period: string, rows: readonly Value[]): Promise<void> {
  for (const [la, value, level = 'local_authority', name = `LA ${la}`, region = 'South East'] of rows) {
    await t.pool.query('INSERT INTO benchmark_values VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
      [code, period, level, name, la, level === 'local_authority' ? region : null, value, value === null ? '-' : null]);
  }
}

async function clear(): Promise<void> {
  await t.pool.query('TRUNCATE benchmark_values, benchmark_measures, statistical_neighbours, authority');
}

async function ranks(code: string, period: string): Promise<Map<number, { rank: number | null; of: number; band: string | null }>> {
  const { rows } = await t.pool.query(
    'SELECT la_number, rank, of, band FROM benchmark_ranks WHERE measure_code = $1 AND period = $2', [code, period]);
  return new Map(rows.map((r) => [r.la_number, { rank: r.rank, of: r.of, band: r.band }]));
}

async function comparison(code: string, period: string) {
  const { rows } = await t.pool.query(
    'SELECT *, period_end::text AS period_end FROM benchmark_comparison WHERE measure_code = $1 AND period = $2', [code, period]);
  expect(rows).toHaveLength(1);
  return rows[0];
}

/** Authorities 1 … n with values 1 … n (lower is better, so the rank is the value). */
const ladder = (n: number): Value[] => Array.from({ length: n }, (_, i) => [i + 1, i + 1]);

describe('rank and band', () => {
  beforeEach(clear);

  // ⌈n/4⌉, ⌈n/2⌉ and ⌈3n/4⌉ worked out by hand: 151 → 38, 76, 114 (113.25 up); 150 → 38 (37.5 up), 75, 113 (112.5 up).
  it('bands at the edges for n = 151, 150, 4 and 1', async () => {
    for (const n of [151, 150, 4, 1]) {
      await measure(`M${n}`, 'Low');
      await values(`M${n}`, '2016', ladder(n));
    }
    const band = async (n: number, rank: number) => (await ranks(`M${n}`, '2016')).get(rank)!;
    expect(await band(151, 38)).toEqual({ rank: 38, of: 151, band: 'A' });
    expect((await band(151, 39)).band).toBe('B');
    expect((await band(151, 76)).band).toBe('B');
    expect((await band(151, 77)).band).toBe('C');
    expect((await band(151, 114)).band).toBe('C');
    expect((await band(151, 115)).band).toBe('D');
    expect((await band(151, 151)).band).toBe('D');
    expect(await band(150, 38)).toEqual({ rank: 38, of: 150, band: 'A' });
    expect((await band(150, 39)).band).toBe('B');
    expect((await band(150, 75)).band).toBe('B');
    expect((await band(150, 76)).band).toBe('C');
    expect((await band(150, 113)).band).toBe('C');
    expect((await band(150, 114)).band).toBe('D');
    expect([...(await ranks('M4', '2016')).values()].map((r) => r.band).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect((await ranks('M4', '2016')).get(2)).toEqual({ rank: 2, of: 4, band: 'B' });
    expect((await ranks('M1', '2016')).get(1)).toEqual({ rank: 1, of: 1, band: 'A' });
  });

  it('gives equal values the better rank, and ranks by polarity', async () => {
    await measure('LOW', 'Low');
    await measure('HIGH', 'High');
    await measure('NONE', '-');
    const rows: Value[] = [[1, 5], [2, 7], [3, 7], [4, 9]];
    for (const code of ['LOW', 'HIGH', 'NONE']) await values(code, '2016', rows);
    const rank = async (code: string) => [...(await ranks(code, '2016')).entries()].sort(([a], [b]) => a - b).map(([, r]) => r.rank);
    expect(await rank('LOW')).toEqual([1, 2, 2, 4]);
    expect(await rank('HIGH')).toEqual([4, 2, 2, 1]);
    // No polarity: no rank and no band (the number with a value is still known).
    expect((await ranks('NONE', '2016')).get(1)).toEqual({ rank: null, of: 4, band: null });
  });

  it("leaves missing values ('-'), regions and England out of the ranking", async () => {
    await measure('M', 'Low');
    await values('M', '2016', [[1, 3], [2, null], [3, 1], [970, 2, 'country', 'England'], [989, 0.5, 'region', 'South East']]);
    const r = await ranks('M', '2016');
    expect([...r.keys()].sort((a, b) => a - b)).toEqual([1, 3]);
    expect(r.get(3)).toEqual({ rank: 1, of: 2, band: 'A' });
    // n = 2: ⌈2/4⌉ = 1, ⌈2/2⌉ = 1, ⌈6/4⌉ = 2, so the second of two is in band C.
    expect(r.get(1)).toEqual({ rank: 2, of: 2, band: 'C' });
  });

  it('ranks each period among the authorities with a value in that period (authorities change over the years)', async () => {
    await measure('M', 'Low');
    // 2020: Northamptonshire (928) still whole; 2022: North (940) and West (941) Northamptonshire instead.
    await values('M', '2020', [[886, 2], [928, 1], [881, 3]]);
    await values('M', '2022', [[886, 2], [940, 1], [941, 1.5], [881, 3]]);
    expect((await ranks('M', '2020')).get(886)).toEqual({ rank: 2, of: 3, band: 'B' });
    expect((await ranks('M', '2022')).get(886)).toEqual({ rank: 3, of: 4, band: 'C' });
  });
});

describe('the comparison for the home authority', () => {
  beforeEach(clear);

  it('sets England, the region (without regard to case) and the mean of the neighbours with a value, latest group', async () => {
    await t.pool.query("INSERT INTO authority VALUES (886, 'Kent', 'South East')");
    await measure('M', 'Low');
    await values('M', '2016', [
      [886, 10], [1, 8], [2, 12], [3, null], [4, 20],
      [970, 11, 'country', 'England'], [989, 9, 'region', 'SOUTH EAST'], [981, 99, 'region', 'North West'],
    ]);
    // The 2021 group names 4 (value 20); the 2025 group, the latest, names 1, 2 and 3 (3 has no value).
    await t.pool.query(`INSERT INTO statistical_neighbours VALUES
      ('2021-04', 886, 'Kent', 'South East', 1, 4, 'Close'),
      ('2025-05', 886, 'Kent', 'South East', 1, 1, 'Very close'),
      ('2025-05', 886, 'Kent', 'South East', 2, 2, 'Close'),
      ('2025-05', 886, 'Kent', 'South East', 3, 3, 'Close')`);
    const row = await comparison('M', '2016');
    expect(row).toMatchObject({
      value: 10, symbol: null, england: 11, region: 9, neighbours_mean: 10, neighbours_count: 2,
      // Local authorities with a value: 8, 10, 12, 20 → Kent second of 4.
      rank: 2, of: 4, band: 'B', period_end: '2016-08-31',
    });
  });

  it('reads a London borough\'s region as the London row', async () => {
    await t.pool.query("INSERT INTO authority VALUES (303, 'Bexley', 'Outer London')");
    await measure('M', 'High');
    await values('M', '2016', [[303, 10, 'local_authority', 'Bexley', 'Outer London'], [986, 7, 'region', 'London'],
      [988, 6, 'sub_region', 'London (Outer)']]);
    expect(await comparison('M', '2016')).toMatchObject({ value: 10, region: 7, england: null, neighbours_count: 0, neighbours_mean: null });
  });

  it("shows a missing home value as its symbol, without rank or band", async () => {
    await t.pool.query("INSERT INTO authority VALUES (886, 'Kent', 'South East')");
    await measure('M', 'Low');
    await values('M', '2016', [[886, null], [1, 8]]);
    expect(await comparison('M', '2016')).toMatchObject({ value: null, symbol: '-', rank: null, band: null, of: 1 });
  });

  it('ends each period by its year type, and skips a period no authority has a value for', async () => {
    await t.pool.query("INSERT INTO authority VALUES (886, 'Kent', 'South East')");
    await measure('ACAD', 'Low', 'Academic Year');
    await measure('FIN', 'Low', 'Financial Year');
    await measure('CAL', 'Low', 'Calendar Year');
    await measure('ANN', 'Low', 'Annual');
    await values('ACAD', '2017/18', [[886, 1]]);
    await values('ACAD', '2019', [[886, 1]]);
    await values('ACAD', '2020', [[886, null], [1, null], [970, 3, 'country', 'England']]);
    await values('FIN', '2016', [[886, 1]]);
    await values('CAL', '2016', [[886, 1]]);
    await values('ANN', '2016', [[886, 1]]);
    const { rows } = await t.pool.query('SELECT measure_code, period, period_end::text AS e FROM benchmark_periods ORDER BY 1, 2');
    expect(rows).toEqual([
      { measure_code: 'ACAD', period: '2017/18', e: '2018-08-31' },
      { measure_code: 'ACAD', period: '2019', e: '2019-08-31' },
      { measure_code: 'ANN', period: '2016', e: '2016-03-31' },
      { measure_code: 'CAL', period: '2016', e: '2016-12-31' },
      { measure_code: 'FIN', period: '2016', e: '2016-03-31' },
    ]);
  });
});

describe('the API', () => {
  let app: App;
  let api: SignedInClient;
  beforeAll(async () => {
    await clear();
    await insertDistricts(t.pool);
    await insertMonths(t.pool, '2014-04', '2015-12');
    await insertFullCoverage(t.pool);
    // Persistent absence, primary, at August 2015 (the whole academic year 2015): 9 of 100 pupils.
    await insertResults(t.pool, [['pa_primary_10pct', '2015-08', 'DAR', 6, 50], ['pa_primary_10pct', '2015-08', 'CAN', 3, 50]]);
    await t.pool.query("INSERT INTO authority VALUES (886, 'Kent', 'South East')");
    await measure('SFPriPerAbNew', 'Low');
    await values('SFPriPerAbNew', '2014', [[886, 9.5, 'local_authority', 'Kent'], [1, 8], [2, 11], [970, 10, 'country', 'England'],
      [989, 9, 'region', 'South East']]);
    await values('SFPriPerAbNew', '2015', [[886, 8.7, 'local_authority', 'Kent'], [1, 8.5], [2, 8.7], [3, 9], [970, 9.2, 'country', 'England']]);
    // A year whose August is after the data's months (2014-04 … 2015-12): nothing to reconcile with.
    await values('SFPriPerAbNew', '2016', [[886, 8.1, 'local_authority', 'Kent']]);
    await t.pool.query(`INSERT INTO statistical_neighbours VALUES
      ('2025-05', 886, 'Kent', 'South East', 1, 2, 'Very close'), ('2025-05', 886, 'Kent', 'South East', 2, 1, 'Close'),
      ('2025-05', 1, 'Essex', 'East of England', 1, 886, 'Close')`);
    app = await buildApp({ pool: t.pool });
    api = await signedIn(app, t.pool, 'viewer');
  });
  afterAll(() => app.close());

  const row = async (query: string, code: string) => {
    const response = await api.inject(`/api/scorecard?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().indicators.find((i: { code: string }) => i.code === code);
  };

  it("gives county rows the latest period ending by the month's end; area and district rows none", async () => {
    // July 2015 ends before the academic year 2015 does (31 August): it reads 2014.
    expect((await row('month=2015-07', 'pa_primary_10pct')).benchmark).toEqual({
      measureCode: 'SFPriPerAbNew', period: '2014', periodEnd: '2014-08-31', value: 9.5, england: 10, region: 9,
      neighbours: { mean: 9.5, count: 2 }, rank: 2, of: 3, band: 'B', unit: '%', comparable: 'yes',
    });
    // Kent and LA 2 share 8.7: both second (of 4), band B.
    expect((await row('month=2015-08', 'pa_primary_10pct')).benchmark).toMatchObject({
      period: '2015', value: 8.7, england: 9.2, region: null, rank: 2, of: 4, band: 'B', neighbours: { mean: expect.closeTo(8.6, 10), count: 2 },
    });
    expect((await row('month=2014-06', 'pa_primary_10pct')).benchmark).toBeNull();
    expect((await row('month=2015-08&district=DAR', 'pa_primary_10pct')).benchmark).toBeNull();
    expect((await row('month=2015-08&area=NORTH', 'pa_primary_10pct')).benchmark).toBeNull();
    // No benchmark measure in the catalogue.
    expect((await row('month=2015-08', 'eh_stepped_up_to_scs_pct')).benchmark).toBeNull();
    // Mapped, but no published figures loaded.
    expect((await row('month=2015-08', 'pa_secondary_10pct')).benchmark).toBeNull();
  });

  it('serves every period with the neighbours\' values and the reconciliation with the records', async () => {
    const response = await api.inject('/api/benchmarks/pa_primary_10pct');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body).toMatchObject({
      code: 'pa_primary_10pct', measureCode: 'SFPriPerAbNew', comparable: 'yes',
      authority: { laNumber: 886, name: 'Kent', region: 'South East' },
      attribution: expect.stringContaining('Open Government Licence v3.0'),
    });
    expect(body.periods.map((p: { period: string }) => p.period)).toEqual(['2014', '2015', '2016']);
    const [y2014, y2015, y2016] = body.periods;
    expect(y2016.product).toBeNull();
    expect(y2015.values).toEqual([
      { laNumber: 2, name: 'LA 2', closeness: 1, value: 8.7, symbol: null, rank: 2 },
      { laNumber: 1, name: 'LA 1', closeness: 2, value: 8.5, symbol: null, rank: 1 },
    ]);
    // The product's figure for the academic year 2015 (August 2015): 9 of 100 = 9 %, 0.3 above the published 8.7.
    expect(y2015.product.month).toBe('2015-08');
    expect(y2015.product.value).toBe(9);
    expect(y2015.product.difference).toBeCloseTo(0.3, 10);
    // August 2014 is in the data, but there are no results for it: no figure, never a zero.
    expect(y2014.product).toEqual({ month: '2014-08', value: null, difference: null });
  });

  it('carries the benchmark columns in the scorecard CSV and workbook, and the attribution on the About sheet', async () => {
    const { records } = await getCsv(api, '/api/export/scorecard.csv?month=2015-08');
    const row = records.find((r) => r.code === 'pa_primary_10pct')!;
    expect(row).toMatchObject({
      benchmark_measure: 'SFPriPerAbNew', benchmark_period: '2015', benchmark_unit: '%', benchmark_value: '8.7',
      benchmark_england: '9.2', benchmark_region: '', benchmark_neighbours_count: '2', benchmark_rank: '2',
      benchmark_of: '4', benchmark_band: 'B',
    });
    expect(records.find((r) => r.code === 'eh_stepped_up_to_scs_pct')).toMatchObject({ benchmark_measure: '', benchmark_band: '' });
    const { workbook } = await getWorkbook(api, '/api/export/scorecard.xlsx?month=2015-08');
    const sheet = workbook.getWorksheet('Scorecard')!;
    let found: unknown[] | null = null;
    // Column 17 is the carried-forward target's year; the benchmark columns follow it.
    sheet.eachRow((r) => { if (r.getCell(1).value === 'pa_primary_10pct') found = (r.values as unknown[]).slice(18); });
    expect(found).toEqual(['SFPriPerAbNew', '2015', '%', 8.7, 9.2, undefined, expect.closeTo(8.6, 10), 2, 2, 4, 'B']);
    const about: string[] = [];
    workbook.getWorksheet('About')!.eachRow((r) => about.push(String(r.getCell(2).value ?? '')));
    expect(about.join('\n')).toMatch(/Open Government Licence v3\.0 \(Department for Education, Local Authority Interactive Tool\)/);
  });

  it('names the period a month reads (periodForMonth), as the scorecard chooses it', async () => {
    const period = async (query: string) => {
      const response = await api.inject(`/api/benchmarks/pa_primary_10pct${query}`);
      expect(response.statusCode, response.body).toBe(200);
      return response.json().periodForMonth;
    };
    expect(await period('?month=2015-07')).toBe('2014');
    expect(await period('?month=2015-08')).toBe('2015');
    expect(await period('?month=2014-06')).toBeNull();
    expect(await period('')).toBeNull();
    expect((await api.inject('/api/benchmarks/pa_primary_10pct?month=2015-13')).statusCode).toBe(400);
  });

  it('answers 404 for a KPI without a benchmark measure and for an unknown code', async () => {
    const none = await api.inject('/api/benchmarks/eh_stepped_up_to_scs_pct');
    expect(none.statusCode).toBe(404);
    expect(none.json()).toMatchObject({ error: 'not_found', message: expect.stringMatching(/no benchmark measure/) });
    expect((await api.inject('/api/benchmarks/nothing')).statusCode).toBe(404);
  });
});
