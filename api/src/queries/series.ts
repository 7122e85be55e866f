// One measure month by month at one geography, or broken down by the districts or areas inside it.
import type { Db } from '../db/kysely.js';
import type { Polarity, Unit, YearBasis } from '../indicators/catalog.js';
import { coveredSums, indicatorValue, pickTarget, ragStatus, targetYear, type Sums } from '../indicators/status.js';
import { monthRange } from '../lib/months.js';
import type { Snapshot } from '../lib/snapshot.js';
import type { SeriesPoint } from '../schemas/series.js';
import { coverageAt } from './coverage.js';
import type { Geography } from './geography.js';
import { addSums, sumResults } from './results.js';

/** What the series needs to know of a measure: KPIs have a polarity and a year basis, context measures not. */
export interface SeriesMeasure { code: string; unit: Unit; polarity: Polarity | null; yearBasis: YearBasis | null }

/** Points for every month in [from, to] and every geography of `groups`, month by month. */
export async function getSeries(db: Db, snapshot: Snapshot, options: {
  measure: SeriesMeasure;
  from: string;
  to: string;
  groups: readonly Geography[];
}): Promise<SeriesPoint[]> {
  const { measure, from, to, groups } = options;
  const districtCodes = [...new Set(groups.flatMap((g) => g.districtCodes))];
  const rows = await sumResults(db, { codes: [measure.code], from, to, districtCodes, perDistrict: true });
  const groupOf = new Map<string, string[]>();
  for (const g of groups) for (const d of g.districtCodes) groupOf.set(d, [...(groupOf.get(d) ?? []), g.code]);
  const sums = new Map<string, Sums>();
  for (const row of rows) {
    for (const code of groupOf.get(row.districtCode ?? '') ?? []) {
      const key = `${row.month}|${code}`;
      sums.set(key, addSums(sums.get(key), row));
    }
  }
  const targets = snapshot.targets.get(measure.code) ?? [];
  const points: SeriesPoint[] = [];
  for (const month of monthRange(from, to)) {
    const year = measure.yearBasis ? targetYear(measure.code, measure.yearBasis, month) : null;
    // Coverage is county-wide: every geography's figure at a month stands on the same datasets.
    const coverage = coverageAt(snapshot.coverage, measure.code, month);
    for (const g of groups) {
      const current = coveredSums(coverage, sums.get(`${month}|${g.code}`));
      const value = indicatorValue(measure.unit, current);
      const target = year !== null && measure.polarity ? pickTarget(measure.unit, targets, year, g.code) : null;
      points.push({
        month,
        geographyCode: g.code,
        value,
        numerator: current ? current.numerator : null,
        denominator: measure.unit === 'count' ? null : current?.denominator ?? null,
        target: target?.target ?? null,
        floor: target?.floor ?? null,
        floorAssumed: target ? target.floorAssumed : null,
        targetYear: year,
        targetCarriedForward: target?.carriedForward ?? false,
        targetFromYear: target?.carriedForward ? target.fromYear : null,
        status: measure.polarity ? ragStatus(measure.polarity, value, target, coverage)
          : value === null || coverage !== 'full' ? 'no_data' : 'no_target',
        coverage,
      });
    }
  }
  return points;
}
