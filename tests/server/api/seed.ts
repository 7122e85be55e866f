// Hand-made reference data and results for the API tests: three districts in two areas, months
// 2014-04 … 2015-12, and a few indicators whose numbers can be checked with a pencil.
import type pg from 'pg';
import { insertFullCoverage } from '../../support/coverage.js';

export const DISTRICTS = [
  ['DAR', 'Dartford', 'NORTH', 'North'],
  ['GRA', 'Gravesham', 'NORTH', 'North'],
  ['CAN', 'Canterbury', 'EAST', 'East'],
] as const;

/** The twelve months 2014-07 … 2015-06 that the direction of travel at 2015-06 looks at. */
export const LAST_12 = ['2014-07', '2014-08', '2014-09', '2014-10', '2014-11', '2014-12',
  '2015-01', '2015-02', '2015-03', '2015-04', '2015-05', '2015-06'];

/** Rising by about a point a month with ±0.5 of noise. */
export const RISING = [10, 11.5, 12, 13.5, 14, 15.5, 16, 17.5, 18, 19.5, 20, 21.5];

export async function insertDistricts(pool: pg.Pool): Promise<void> {
  for (const row of DISTRICTS) await pool.query('INSERT INTO districts VALUES ($1, $2, $3, $4)', [...row]);
}

export async function insertMonths(pool: pg.Pool, first: string, last: string): Promise<void> {
  await pool.query(`
    INSERT INTO report_months (month, month_end, window_start)
    SELECT m::date, (m + interval '1 month' - interval '1 day')::date, (m - interval '11 months')::date
    FROM generate_series($1::date, $2::date, interval '1 month') m`, [`${first}-01`, `${last}-01`]);
}

type Result = [code: string, month: string, district: string, numerator: number, denominator: number | null];

export async function insertResults(pool: pg.Pool, rows: readonly Result[]): Promise<void> {
  if (rows.length === 0) return;
  await pool.query(`
    INSERT INTO indicator_results (indicator_code, month, district_code, numerator, denominator)
    SELECT code, (month || '-01')::date, district, num, den
    FROM unnest($1::text[], $2::text[], $3::text[], $4::float8[], $5::float8[]) AS r(code, month, district, num, den)`, [
    rows.map((r) => r[0]), rows.map((r) => r[1]), rows.map((r) => r[2]), rows.map((r) => r[3]), rows.map((r) => r[4]),
  ]);
}

/** A percent series in one district: numerator = value, denominator = 100, so value = numerator. */
export function percentSeries(code: string, district: string, months: readonly string[], values: readonly number[]): Result[] {
  return months.map((month, i) => [code, month, district, values[i]!, 100]);
}

export async function insertTarget(pool: pg.Pool, code: string, year: number, geography: string,
  target: number, floor: number | null, floorAssumed = false): Promise<void> {
  await pool.query('INSERT INTO targets VALUES ($1, $2, $3, $4, $5, $6)', [code, year, geography, target, floor, floorAssumed]);
}

/**
 * The data every API test file can rely on (see the comments for the expected figures).
 */
export async function seedScorecardData(pool: pg.Pool): Promise<void> {
  await insertDistricts(pool);
  await insertMonths(pool, '2014-04', '2015-12');

  await insertResults(pool, [
    // Rollup at 2015-06: DAR 9/10 = 90 %, GRA 10/100 = 10 %, CAN 50/100 = 50 %.
    // NORTH = 19/110 = 17.27 % (not the mean of 90 and 10, 50 %); KENT = 69/210 = 32.86 %.
    ['eh_plans_within_4_weeks_pct', '2015-06', 'DAR', 9, 10],
    ['eh_plans_within_4_weeks_pct', '2015-06', 'GRA', 10, 100],
    ['eh_plans_within_4_weeks_pct', '2015-06', 'CAN', 50, 100],
    // A year earlier (M − 12): 1/4 = 25 %.
    ['eh_plans_within_4_weeks_pct', '2014-06', 'DAR', 1, 4],
    // Counts at 2015-06: DAR 5, GRA 7, CAN 3 → NORTH 12, KENT 15.
    ['yj_first_time_entrants', '2015-06', 'DAR', 5, null],
    ['yj_first_time_entrants', '2015-06', 'GRA', 7, null],
    ['yj_first_time_entrants', '2015-06', 'CAN', 3, null],
    // A denominator of 0: no value.
    ['ff2_take_up_pct', '2015-06', 'DAR', 0, 0],
    // Persistent absence at 2015-10 (Sep–Dec: previous academic year's target): 4/100 = 4 %.
    ['pa_primary_10pct', '2015-10', 'DAR', 4, 100],
    ['excl_fixed_primary', '2015-10', 'DAR', 6, null],
    // Context measure beside the persistent absence KPI: 3/100 = 3 %.
    ['pa_primary_15pct', '2015-06', 'DAR', 3, 100],
    // Caseloads: DAR 100, GRA 200, CAN 50 at 2015-06; DAR 110 at 2015-10.
    ['caseload_open', '2015-06', 'DAR', 100, null],
    ['caseload_open', '2015-06', 'GRA', 200, null],
    ['caseload_open', '2015-06', 'CAN', 50, null],
    ['caseload_open', '2015-10', 'DAR', 110, null],
    // Direction of travel over 2014-07 … 2015-06 (all in DAR, denominators of 100):
    ...percentSeries('eh_closed_positive_outcome_pct', 'DAR', LAST_12, RISING), // higher is better → improving
    ...percentSeries('eh_stepped_up_to_scs_pct', 'DAR', LAST_12, RISING), // lower is better → worsening
    ...percentSeries('neet_16_18_pct', 'DAR', LAST_12, [12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]), // straight line down, lower is better → improving
    ...percentSeries('scs_stepped_down_to_eh_pct', 'DAR', LAST_12, [10, 14, 10, 14, 10, 14, 10, 14, 10, 14, 10, 14]), // zig-zag → stable
    ...percentSeries('cc_good_outstanding_pct', 'DAR', LAST_12, Array(12).fill(80)), // constant → stable
    ...percentSeries('eh_notifications_assessed_pct', 'DAR', LAST_12.slice(7), [1, 2, 3, 4, 5]), // five values → null
  ]);

  // Percent, higher is better: the county 40 (floor 30, assumed), Dartford its own 95 without a floor.
  await insertTarget(pool, 'eh_plans_within_4_weeks_pct', 2016, 'KENT', 40, 30, true);
  await insertTarget(pool, 'eh_plans_within_4_weeks_pct', 2016, 'DAR', 95, null);
  // Count, lower is better: the county 20 (floor 25); Dartford 4 (floor 6); nothing for Gravesham.
  await insertTarget(pool, 'yj_first_time_entrants', 2016, 'KENT', 20, 25);
  await insertTarget(pool, 'yj_first_time_entrants', 2016, 'DAR', 4, 6);
  // Persistent absence (lower is better): academic 2015 target 5, academic 2016 target 1.
  await insertTarget(pool, 'pa_primary_10pct', 2015, 'KENT', 5, null);
  await insertTarget(pool, 'pa_primary_10pct', 2016, 'KENT', 1, null);
  await insertTarget(pool, 'excl_fixed_primary', 2016, 'KENT', 10, null);
  // Higher is better, financial 2016 only: target 20, floor 15.
  await insertTarget(pool, 'eh_closed_positive_outcome_pct', 2016, 'KENT', 20, 15);

  await pool.query(`INSERT INTO comparators VALUES
    ('eh_plans_within_4_weeks_pct', '2014-03-01', 'ENGLAND', 60, NULL),
    ('eh_plans_within_4_weeks_pct', '2015-03-01', 'ENGLAND', 62, 'national average'),
    ('eh_plans_within_4_weeks_pct', '2015-09-01', 'ENGLAND', 70, NULL),
    ('eh_plans_within_4_weeks_pct', '2015-01-01', 'STATISTICAL_NEIGHBOURS', 55, NULL)`);

  await pool.query(`INSERT INTO caseload_targets VALUES
    ('DAR', '2015-06-01', 90, 80), ('GRA', '2015-06-01', 210, 190), ('DAR', '2015-09-01', 95, 70)`);
  // Every month fully covered (coverage itself is tested in coverage.test.ts).
  await insertFullCoverage(pool);
}
