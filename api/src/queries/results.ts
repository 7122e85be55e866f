// Sums of the precomputed numerators and denominators (indicator_results) over districts.
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import type { Sums } from '../indicators/status.js';
import { dateToMonth, monthToDate } from '../lib/months.js';

export interface SumRow extends Sums { code: string; month: string; districtCode: string | null }

/**
 * Σ numerator and Σ denominator per indicator and month over `districtCodes` (null = every district), or
 * per indicator, month and district when `perDistrict`.
 */
export async function sumResults(db: Db, options: {
  codes: readonly string[];
  from: string;
  to: string;
  districtCodes: readonly string[] | null;
  perDistrict?: boolean;
}): Promise<SumRow[]> {
  if (options.codes.length === 0 || options.districtCodes?.length === 0) return [];
  let query = db.selectFrom('indicator_results')
    .select([
      'indicator_code',
      'month',
      sql<number>`sum(numerator)`.as('numerator'),
      sql<number | null>`sum(denominator)`.as('denominator'),
    ])
    .where('indicator_code', 'in', [...options.codes])
    .where('month', '>=', monthToDate(options.from))
    .where('month', '<=', monthToDate(options.to))
    .groupBy(['indicator_code', 'month']);
  if (options.districtCodes) query = query.where('district_code', 'in', [...options.districtCodes]);
  const rows = options.perDistrict
    ? await query.select('district_code').groupBy('district_code').execute()
    : await query.execute();
  return rows.map((r) => ({
    code: r.indicator_code,
    month: dateToMonth(r.month),
    districtCode: 'district_code' in r ? (r.district_code as string) : null,
    numerator: r.numerator,
    denominator: r.denominator,
  }));
}

/** Adds one row's sums into a running total (counts keep a null denominator). */
export function addSums(total: Sums | undefined, row: Sums): Sums {
  if (!total) return { numerator: row.numerator, denominator: row.denominator };
  return {
    numerator: total.numerator + row.numerator,
    denominator: total.denominator === null && row.denominator === null ? null : (total.denominator ?? 0) + (row.denominator ?? 0),
  };
}
