// Targets and comparators (reference data, small): loaded whole, grouped by indicator.
import type { Db } from '../db/kysely.js';
import type { TargetRow } from '../indicators/status.js';
import { dateToMonth } from '../lib/months.js';
import type { Comparator } from '../schemas/scorecard.js';


export async function loadTargets(db: Db): Promise<Map<string, TargetRow[]>> {
  const rows = await db.selectFrom('targets')
    .select(['indicator_code', 'year', 'geography_code', 'target', 'floor', 'floor_assumed'])
    .execute();
  const byCode = new Map<string, TargetRow[]>();
  for (const r of rows) {
    const list = byCode.get(r.indicator_code) ?? [];
    list.push({ year: r.year, geographyCode: r.geography_code, target: r.target, floor: r.floor, floorAssumed: r.floor_assumed });
    byCode.set(r.indicator_code, list);
  }
  return byCode;
}

/** Comparator rows per indicator, latest period first. */
export async function loadComparators(db: Db): Promise<Map<string, Comparator[]>> {
  const rows = await db.selectFrom('comparators')
    .select(['indicator_code', 'period', 'comparator', 'value', 'note'])
    .orderBy('period', 'desc').orderBy('comparator')
    .execute();
  const byCode = new Map<string, Comparator[]>();
  for (const r of rows) {
    const list = byCode.get(r.indicator_code) ?? [];
    list.push({ comparator: r.comparator, value: r.value, period: dateToMonth(r.period), note: r.note });
    byCode.set(r.indicator_code, list);
  }
  return byCode;
}

/** For each comparator, its latest row with period ≤ month (rows given latest first). */
export function comparatorsAt(rows: readonly Comparator[] | undefined, month: string): Comparator[] {
  const seen = new Set<string>();
  const out: Comparator[] = [];
  for (const row of rows ?? []) {
    if (row.period > month || seen.has(row.comparator)) continue;
    seen.add(row.comparator);
    out.push(row);
  }
  return out.sort((a, b) => a.comparator.localeCompare(b.comparator));
}
