// The scorecard of one month at one geography: every KPI's value, target, status, direction of travel,
// value a year earlier and comparators, from indicator_results and the reference data only.
import type { Db } from '../db/kysely.js';
import { CONTEXT_MEASURES, INDICATORS } from '../indicators/catalog.js';
import { directionOfTravel } from '../indicators/direction.js';
import { coveredSums, indicatorValue, pickTarget, ragStatus, targetYear, type Sums } from '../indicators/status.js';
import { addMonths } from '../lib/months.js';
import { memoise, type Snapshot } from '../lib/snapshot.js';
import type { ContextValue, ScorecardIndicator, ScorecardResponse, SparklinePoint } from '../schemas/scorecard.js';
import { benchmarksAt } from './benchmarks.js';
import type { ScorecardBenchmark } from '../schemas/benchmarks.js';
import { coverageAt } from './coverage.js';
import type { Geography } from './geography.js';
import { sumResults } from './results.js';
import { comparatorsAt } from './targets.js';

/** Months used: M − 12 (previous year) to M (direction uses M − 11 … M). */
const DIRECTION_MONTHS = 12;
/** The sparkline's months: M − 23 … M (api.md 1.1), so the page needs one request. */
export const SPARKLINE_MONTHS = 24;

export function getScorecard(db: Db, snapshot: Snapshot, month: string, geography: Geography): Promise<ScorecardResponse> {
  return memoise(snapshot, `scorecard|${month}|${geography.code}`, () => computeScorecard(db, snapshot, month, geography));
}

async function computeScorecard(db: Db, snapshot: Snapshot, month: string, geography: Geography): Promise<ScorecardResponse> {
  const codes = [...INDICATORS.map((i) => i.code), ...CONTEXT_MEASURES.map((c) => c.code)];
  // Benchmarks are the authority's: county rows only (read beside the results, not after them).
  const benchmarksRead = geography.type === 'county' ? benchmarksAt(db, snapshot, month) : Promise.resolve(new Map<string, ScorecardBenchmark>());
  // Awaited below; if the results fail first, its own failure must not go unhandled.
  benchmarksRead.catch(() => {});
  const rows = await sumResults(db, {
    codes,
    from: addMonths(month, -(SPARKLINE_MONTHS - 1)),
    to: month,
    districtCodes: geography.type === 'county' ? null : geography.districtCodes,
  });
  const sums = new Map<string, Sums>();
  for (const row of rows) sums.set(`${row.code}|${row.month}`, row);
  const covered = (code: string, m: string) => coverageAt(snapshot.coverage, code, m);
  // Outside coverage there is nothing to show: no value, never a zero.
  const at = (code: string, m: string) => coveredSums(covered(code, m), sums.get(`${code}|${m}`));
  const benchmarks = await benchmarksRead;

  const indicators = INDICATORS.map((indicator): ScorecardIndicator => {
    const { code, unit, polarity } = indicator;
    const current = at(code, month);
    const coverage = covered(code, month);
    const value = indicatorValue(unit, current);
    const targets = snapshot.targets.get(code) ?? [];
    const year = targetYear(code, indicator.yearBasis, month);
    const target = pickTarget(unit, targets, year, geography.code);
    // Partial windows are left out of the direction of travel.
    const recent = Array.from({ length: DIRECTION_MONTHS }, (_, i) => {
      const m = addMonths(month, i - (DIRECTION_MONTHS - 1));
      return { x: i, y: covered(code, m) === 'full' ? indicatorValue(unit, at(code, m)) : null };
    });
    return {
      code,
      title: indicator.title,
      unit,
      polarity,
      theme: indicator.theme,
      value,
      numerator: current ? current.numerator : null,
      denominator: unit === 'count' ? null : current?.denominator ?? null,
      target: target?.target ?? null,
      floor: target?.floor ?? null,
      floorAssumed: target ? target.floorAssumed : null,
      targetYear: year,
      targetGeographyCode: target?.geographyCode ?? null,
      targetCarriedForward: target?.carriedForward ?? false,
      targetFromYear: target?.carriedForward ? target.fromYear : null,
      status: ragStatus(polarity, value, target, coverage),
      coverage,
      direction: directionOfTravel(polarity, recent),
      previousYearValue: indicatorValue(unit, at(code, addMonths(month, -12))),
      comparators: comparatorsAt(snapshot.comparators.get(code), month),
      sparkline: Array.from({ length: SPARKLINE_MONTHS }, (_, i): SparklinePoint => {
        const m = addMonths(month, i - (SPARKLINE_MONTHS - 1));
        const applies = pickTarget(unit, targets, targetYear(code, indicator.yearBasis, m), geography.code);
        return { month: m, value: indicatorValue(unit, at(code, m)), coverage: covered(code, m), target: applies?.target ?? null };
      }),
      benchmark: benchmarks.get(code) ?? null,
    };
  });

  const context = CONTEXT_MEASURES.map((measure): ContextValue => {
    const current = at(measure.code, month);
    return {
      code: measure.code,
      title: measure.title,
      unit: measure.unit,
      contextFor: measure.contextFor,
      value: indicatorValue(measure.unit, current),
      numerator: current ? current.numerator : null,
      denominator: measure.unit === 'count' ? null : current?.denominator ?? null,
      coverage: covered(measure.code, month),
    };
  });

  return {
    month,
    geography: { type: geography.type, code: geography.code, name: geography.name },
    indicators,
    context,
  };
}
