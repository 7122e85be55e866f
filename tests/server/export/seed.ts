// Hand-built data for the export route tests: eight districts in three areas, thirteen months
// (2015-02 to 2016-02), and district figures chosen so that publication mode has work to do.
import { insertFullCoverage } from '../../support/coverage.js';
import type pg from 'pg';
import { CONTEXT_MEASURES, INDICATORS } from '../../../api/src/indicators/catalog.js';
import { addMonths, monthRange } from '../../../api/src/lib/months.js';

export const MONTH = '2016-02';
export const PREVIOUS_YEAR = '2015-02';

export const DISTRICTS = [
  ['DAR', 'Dartford', 'NORTH', 'North'],
  // A name a spreadsheet would take for a formula: the exports must neutralise it.
  ['GRA', '=Gravesham+1', 'NORTH', 'North'],
  ['SEV', 'Sevenoaks', 'NORTH', 'North'],
  ['CAN', 'Canterbury', 'EAST', 'East'],
  ['SWA', 'Swale', 'EAST', 'East'],
  ['THA', 'Thanet', 'EAST', 'East'],
  ['MAI', 'Maidstone', 'WEST', 'West'],
  ['WEA', 'Weald', 'WEST', 'West'],
] as const;

type Figures = Record<string, [number, number | null]>;

/**
 * The figures publication mode acts on, at 2016-02 (numerator, denominator):
 * - neet_16_18_pct: DAR's numerator 3 (primary) and GRA's 12 (the next smallest in NORTH, secondary);
 *   CAN's denominator 2 (primary; its numerator 0 stays) and SWA's 40 (secondary); MAI's numerator 1
 *   (primary) and WEA's 25 (the only other district of WEST, secondary).
 * - yj_first_time_entrants: DAR 2 and GRA 4 (both primary; NORTH already has two, so nothing more).
 * - caseload_open: THA 4 (primary) and CAN 150 (smaller than SWA's 160, secondary).
 */
export const SPECIAL: Record<string, Record<string, Figures>> = {
  [MONTH]: {
    neet_16_18_pct: {
      DAR: [3, 100], GRA: [12, 150], SEV: [20, 200], CAN: [0, 2], SWA: [5, 40], THA: [30, 300], MAI: [1, 60], WEA: [25, 500],
    },
    yj_first_time_entrants: {
      DAR: [2, null], GRA: [4, null], SEV: [0, null], CAN: [10, null], SWA: [11, null], THA: [12, null], MAI: [7, null], WEA: [9, null],
    },
    caseload_open: {
      DAR: [200, null], GRA: [210, null], SEV: [220, null], CAN: [150, null], SWA: [160, null], THA: [4, null], MAI: [300, null], WEA: [310, null],
    },
  },
  // A year earlier SEV's NEET numerator was 4: its previous year's value must be hidden in publication mode.
  [PREVIOUS_YEAR]: {
    neet_16_18_pct: {
      DAR: [9, 100], GRA: [12, 150], SEV: [4, 200], CAN: [6, 50], SWA: [5, 40], THA: [30, 300], MAI: [8, 60], WEA: [25, 500],
    },
  },
};

/** Every other figure: comfortably above the suppression threshold, varying by month and district. */
function ordinary(unit: 'percent' | 'count', month: number, district: number): [number, number | null] {
  return unit === 'count' ? [20 + month + district, null] : [10 + month + district, 200 + 10 * district];
}

export async function seedExportData(pool: pg.Pool): Promise<void> {
  await pool.query(
    `INSERT INTO districts SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[])`,
    [DISTRICTS.map((d) => d[0]), DISTRICTS.map((d) => d[1]), DISTRICTS.map((d) => d[2]), DISTRICTS.map((d) => d[3])],
  );
  const months = monthRange(PREVIOUS_YEAR, MONTH);
  await pool.query(
    `INSERT INTO report_months (month, month_end, window_start)
     SELECT m::date, (m::date + interval '1 month - 1 day')::date, (m::date - interval '11 months')::date
     FROM unnest($1::text[]) AS m`,
    [months.map((m) => `${m}-01`)],
  );
  const measures = [...INDICATORS, ...CONTEXT_MEASURES];
  const codes: string[] = [];
  const monthsOut: string[] = [];
  const districts: string[] = [];
  const numerators: number[] = [];
  const denominators: (number | null)[] = [];
  months.forEach((month, mi) => {
    for (const measure of measures) {
      DISTRICTS.forEach(([code], di) => {
        const [n, d] = SPECIAL[month]?.[measure.code]?.[code] ?? ordinary(measure.unit, mi, di);
        codes.push(measure.code);
        monthsOut.push(`${month}-01`);
        districts.push(code);
        numerators.push(n);
        denominators.push(measure.unit === 'count' ? null : d);
      });
    }
  });
  await pool.query(
    `INSERT INTO indicator_results (indicator_code, month, district_code, numerator, denominator)
     SELECT * FROM unnest($1::text[], $2::date[], $3::text[], $4::float8[], $5::float8[])`,
    [codes, monthsOut, districts, numerators, denominators],
  );
  await pool.query(`
    INSERT INTO targets (indicator_code, year, geography_code, target, floor, floor_assumed) VALUES
      ('neet_16_18_pct', 2016, 'KENT', 5, 6.5, true),
      ('yj_first_time_entrants', 2016, 'KENT', 60, NULL, false),
      ('eh_plans_within_4_weeks_pct', 2016, 'KENT', 80, 70, false)`);
  await pool.query(`
    INSERT INTO comparators (indicator_code, period, comparator, value, note) VALUES
      ('neet_16_18_pct', '2015-01-01', 'ENGLAND', 4.7, 'national figure')`);
  await pool.query(`
    INSERT INTO caseload_targets (district_code, effective_from, baseline, target)
    SELECT code, '2015-06-01', 250 + 10 * ord, 200 + 10 * ord
    FROM unnest($1::text[]) WITH ORDINALITY AS t(code, ord)`, [DISTRICTS.map((d) => d[0])]);
  await pool.query(`
    INSERT INTO import_log (dataset, file_name, rows_in_file, replaced, imported_at) VALUES
      ('neet_activity', 'neet-2016-01.csv', 900, false, '2016-02-03 08:00:00+00'),
      ('neet_activity', 'neet-2016-02.csv', 950, false, '2016-03-04 09:05:00+00'),
      ('yj_outcomes', 'yj-2016-02.csv', 120, true, '2016-03-02 14:30:00+00')`);
  await insertFullCoverage(pool);
}

export { addMonths };
