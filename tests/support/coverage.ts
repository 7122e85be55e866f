// For tests that write results by hand: coverage as a refresh would leave it when every dataset covers every
// report month (full), with `overrides` for chosen measures and months.
import type pg from 'pg';
import { MEASURE_CODES } from '../../api/src/indicators/catalog.js';
import type { Coverage } from '../../api/src/indicators/status.js';

export async function insertFullCoverage(
  pool: pg.Pool, overrides: readonly [code: string, month: string, coverage: Coverage][] = [],
): Promise<void> {
  const codes = MEASURE_CODES;
  await pool.query(`INSERT INTO dataset_months (dataset, month) SELECT 'early_help_cases', month FROM report_months`);
  await pool.query(`
    INSERT INTO dataset_coverage (dataset, row_count, first_event, last_event, covered_from, covered_to, as_at)
    SELECT 'early_help_cases', 1, min(month), max(month_end), min(month), max(month), max(month_end) FROM report_months`);
  await pool.query(`
    INSERT INTO measure_coverage (indicator_code, month, coverage)
    SELECT code, month, 'full' FROM unnest($1::text[]) AS code CROSS JOIN report_months`, [codes]);
  for (const [code, month, coverage] of overrides) {
    await pool.query('UPDATE measure_coverage SET coverage = $3 WHERE indicator_code = $1 AND month = ($2 || \'-01\')::date',
      [code, month, coverage]);
  }
}
