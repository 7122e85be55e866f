// What the export routes read beyond the JSON routes' query functions: the district figures that
// publication mode decides from, and when each dataset was last imported.
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import { sumResults } from '../queries/results.js';
import { planSuppression, SuppressionPlan, type DistrictRef, type IndicatorDistrictFigures } from './suppression.js';
import type { DatasetImport } from './types.js';

/**
 * One suppression plan per month for the given measures, from the same precomputed district sums the
 * JSON routes read. A month without data gets an empty plan (nothing to hide).
 */
export async function loadSuppressionPlans(db: Db, options: {
  districts: readonly DistrictRef[];
  codes: readonly string[];
  months: readonly string[];
}): Promise<Map<string, SuppressionPlan>> {
  const plans = new Map<string, SuppressionPlan>();
  if (options.months.length === 0) return plans;
  const sorted = [...options.months].sort();
  const rows = await sumResults(db, {
    codes: options.codes,
    from: sorted[0]!,
    to: sorted[sorted.length - 1]!,
    districtCodes: null,
    perDistrict: true,
  });
  const wanted = new Set(options.months);
  const figures = new Map<string, Map<string, IndicatorDistrictFigures[]>>();
  for (const row of rows) {
    if (!wanted.has(row.month) || row.districtCode === null) continue;
    let byCode = figures.get(row.month);
    if (!byCode) figures.set(row.month, (byCode = new Map()));
    const list = byCode.get(row.code) ?? [];
    list.push({ code: row.districtCode, numerator: row.numerator, denominator: row.denominator });
    byCode.set(row.code, list);
  }
  for (const month of options.months) {
    const byCode = figures.get(month);
    plans.set(month, byCode ? planSuppression(options.districts, byCode) : SuppressionPlan.none());
  }
  return plans;
}

/** The latest import of each dataset, by dataset name. */
export async function loadLatestImports(db: Db): Promise<DatasetImport[]> {
  const { rows } = await sql<{ dataset: string; file_name: string; imported_at: Date }>`
    SELECT DISTINCT ON (dataset) dataset, file_name, imported_at
    FROM import_log
    ORDER BY dataset, imported_at DESC, id DESC`.execute(db);
  return rows.map((r) => ({ dataset: r.dataset, fileName: r.file_name, importedAt: new Date(r.imported_at) }));
}
