// Coverage as the refresh left it (results/coverage.ts): each measure's coverage by month, and each
// dataset's rows, span of months, as-at date and last import.
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import { DATASETS } from '../import/datasets.js';
import type { Coverage } from '../indicators/status.js';
import { dateToMonth } from '../lib/months.js';
import type { DatasetInfo } from '../schemas/datasets.js';

/** Every measure's coverage by month, keyed `code|YYYY-MM` (a small table: measures × report months). */
export async function loadCoverage(db: Db): Promise<Map<string, Coverage>> {
  const { rows } = await sql<{ indicator_code: string; month: string; coverage: Coverage }>`
    SELECT indicator_code, month, coverage FROM measure_coverage`.execute(db);
  return new Map(rows.map((r) => [`${r.indicator_code}|${dateToMonth(r.month)}`, r.coverage]));
}

/** A measure's coverage at a month; a month the refresh computed nothing for is not covered. */
export function coverageAt(coverage: ReadonlyMap<string, Coverage>, code: string, month: string): Coverage {
  return coverage.get(`${code}|${month}`) ?? 'none';
}

/**
 * Every dataset, in load order (reference data first), with what the refresh and the imports recorded. Spans
 * are null for reference data and datasets without records; a dataset whose rows were written without an
 * import has its latest event date for as-at.
 */
export async function loadDatasets(db: Db): Promise<DatasetInfo[]> {
  const { rows } = await sql<{
    dataset: string; row_count: string; covered_from: string | null; covered_to: string | null; as_at: string | null;
    last_imported_at: Date | null; last_imported_by: string | null;
  }>`SELECT dataset, row_count, covered_from, covered_to, last_imported_at, last_imported_by,
            -- rows written without an import have no as-at of their own: the latest event stands for it
            CASE WHEN row_count > 0 THEN coalesce(as_at, last_event) ELSE as_at END AS as_at
     FROM dataset_coverage`.execute(db);
  const byName = new Map(rows.map((r) => [r.dataset, r]));
  return DATASETS.map((dataset) => {
    const r = byName.get(dataset.name);
    const record = dataset.kind === 'record';
    const rowCount = Number(r?.row_count ?? 0);
    // A span only while the dataset holds records (an emptied one keeps its as-at, but covers nothing).
    const spans = record && rowCount > 0 && r?.covered_from && r.covered_to && r.covered_from <= r.covered_to;
    return {
      name: dataset.name,
      kind: dataset.kind,
      rows: rowCount,
      coveredFrom: spans ? dateToMonth(r!.covered_from!) : null,
      coveredTo: spans ? dateToMonth(r!.covered_to!) : null,
      asAt: record ? r?.as_at ?? null : null,
      lastImportedAt: r?.last_imported_at ? new Date(r.last_imported_at).toISOString() : null,
      lastImportedBy: r?.last_imported_by ?? null,
    };
  });
}
