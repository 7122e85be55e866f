// Flat rows of the exports, shared by the CSV files and the workbook: one place decides what each
// column holds and which figures publication mode hides.
import { findIndicator } from '../indicators/catalog.js';
import { SUPPRESSION_MARK, NOT_SUPPRESSED, type CellSuppression, type SuppressionPlan } from './suppression.js';
import type {
  Caseloads, CaseloadRow, Comparator, Coverage, Direction, Geography, GeographyType, Scorecard, ScorecardIndicator, Series, Status,
} from './types.js';

type Mark = typeof SUPPRESSION_MARK;
export type Figure = number | null | Mark;

/** "ENGLAND 4.7 (2015-01)"; several comparators are joined by "; ". */
export function formatComparators(comparators: readonly Comparator[]): string {
  return comparators.map((c) => `${c.comparator} ${c.value} (${c.period})`).join('; ');
}

const hideIf = <T>(value: T, hidden: boolean): T | Mark => (hidden ? SUPPRESSION_MARK : value);

// Publication mode's hiding, in one place for the exports, the board packs and the published views: the plan
// (export/suppression.ts) says which cells to hide, these say what a hidden cell shows.

/** What a hidden figure and a hidden status become: the exports' mark, or (the published views) null and 'no_data'. */
export interface HiddenAs<F, S> { figure: F; status: S }
export const EXPORT_HIDDEN: HiddenAs<Mark, Mark> = { figure: SUPPRESSION_MARK, status: SUPPRESSION_MARK };
export const VIEW_HIDDEN: HiddenAs<null, 'no_data'> = { figure: null, status: 'no_data' };

/**
 * A cell's figures as publication mode shows them: each hidden figure replaced; a hidden value hides the
 * status too (a status would place the hidden value in a band). `suppressed`: something was hidden.
 */
export function hideCell<T, F, S>(
  cell: { value: number | null; numerator: number | null; denominator: number | null; status: T },
  hidden: CellSuppression,
  as: HiddenAs<F, S>,
) {
  return {
    value: hidden.value ? as.figure : cell.value,
    numerator: hidden.numerator ? as.figure : cell.numerator,
    denominator: hidden.denominator ? as.figure : cell.denominator,
    status: hidden.value ? as.status : cell.status,
    suppressed: hidden.value || hidden.numerator || hidden.denominator,
  };
}

/** The value of a month a year earlier, hidden when that month's plan hides the cell (nothing to hide when none). */
export function hidePreviousYear<F>(value: number | null, hidden: boolean, as: HiddenAs<F, unknown>): number | null | F {
  return hidden && value != null ? as.figure : value;
}

/** Which of a caseload row's counts publication mode hides (a count that is not there hides nothing). */
export function hiddenCaseloadCounts(
  plan: SuppressionPlan, geography: { type: GeographyType; code: string }, row: Pick<CaseloadRow, 'current' | 'baseline'>,
): Record<(typeof CASELOAD_COUNTS)[number], boolean> {
  const hidden = (measure: (typeof CASELOAD_COUNTS)[number]) => plan.cell(`caseload:${measure}`, geography).value && row[measure] != null;
  return { current: hidden('current'), baseline: hidden('baseline') };
}

// Scorecard ---------------------------------------------------------------------------------------------

export interface ScorecardRow {
  code: string;
  title: string;
  theme: string;
  unit: 'percent' | 'count';
  polarity: string;
  month: string;
  geographyType: GeographyType;
  geographyCode: string;
  geographyName: string;
  value: Figure;
  numerator: Figure;
  denominator: Figure;
  targetYear: number | null;
  target: number | null;
  floor: number | null;
  floorAssumed: boolean | null;
  /** The target year has none: target and floor are carried forward from `targetFromYear`. */
  targetCarriedForward: boolean;
  targetFromYear: number | null;
  status: Status | Mark;
  direction: Direction;
  previousYearValue: Figure;
  comparators: string;
  /** none: no value (shown empty, never 0); partial: a value from part of its window, not scored. */
  coverage: Coverage;
  /** DfE's published figures (county rows only; published data, never suppressed). */
  benchmark: ScorecardIndicator['benchmark'];
}

export interface ScorecardSuppression {
  /** The month's plan. */
  current: SuppressionPlan;
  /** The plan of the month a year earlier, for the previous year's value. */
  previousYear: SuppressionPlan;
}

export function scorecardRows(scorecard: Scorecard, suppression: ScorecardSuppression | null): ScorecardRow[] {
  const { geography } = scorecard;
  return scorecard.indicators.map((indicator) => {
    const hidden = hideCell(indicator, suppression?.current.cell(indicator.code, geography) ?? NOT_SUPPRESSED, EXPORT_HIDDEN);
    const previousHidden = suppression?.previousYear.cell(indicator.code, geography).value ?? false;
    return {
      code: indicator.code,
      title: indicator.title,
      theme: findIndicator(indicator.code)?.theme ?? '',
      unit: indicator.unit,
      polarity: indicator.polarity,
      month: scorecard.month,
      geographyType: geography.type,
      geographyCode: geography.code,
      geographyName: geography.name,
      value: hidden.value,
      numerator: hidden.numerator,
      denominator: hidden.denominator,
      targetYear: indicator.targetYear,
      target: indicator.target,
      floor: indicator.floor,
      floorAssumed: indicator.floorAssumed,
      targetCarriedForward: indicator.targetCarriedForward,
      targetFromYear: indicator.targetFromYear,
      status: hidden.status,
      direction: indicator.direction,
      previousYearValue: hidePreviousYear(indicator.previousYearValue, previousHidden, EXPORT_HIDDEN),
      comparators: formatComparators(indicator.comparators),
      coverage: indicator.coverage,
      benchmark: indicator.benchmark,
    };
  });
}

export const SCORECARD_CSV_HEADER = [
  'code', 'title', 'theme', 'unit', 'polarity', 'month', 'geography_type', 'geography_code', 'geography_name',
  'value', 'numerator', 'denominator', 'target_year', 'target', 'floor', 'floor_assumed', 'status', 'direction',
  'previous_year_value', 'comparators', 'coverage', 'target_carried_forward', 'target_from_year',
  'benchmark_measure', 'benchmark_period', 'benchmark_unit', 'benchmark_value', 'benchmark_england', 'benchmark_region',
  'benchmark_neighbours_mean', 'benchmark_neighbours_count', 'benchmark_rank', 'benchmark_of', 'benchmark_band',
] as const;

export function scorecardCsvRow(row: ScorecardRow): (string | number | boolean | null)[] {
  const b = row.benchmark;
  return [
    row.code, row.title, row.theme, row.unit, row.polarity, row.month, row.geographyType, row.geographyCode,
    row.geographyName, row.value, row.numerator, row.denominator, row.targetYear, row.target, row.floor,
    row.floorAssumed, row.status, row.direction, row.previousYearValue, row.comparators, row.coverage,
    row.targetCarriedForward, row.targetFromYear,
    b?.measureCode ?? null, b?.period ?? null, b?.unit ?? null, b?.value ?? null, b?.england ?? null, b?.region ?? null,
    b?.neighbours.mean ?? null, b ? b.neighbours.count : null, b?.rank ?? null, b?.of ?? null, b?.band ?? null,
  ];
}

// Series ------------------------------------------------------------------------------------------------

export interface SeriesRow {
  code: string;
  title: string;
  unit: string;
  month: string;
  geographyType: GeographyType;
  geographyCode: string;
  geographyName: string;
  value: Figure;
  numerator: Figure;
  denominator: Figure;
  target: number | null;
  floor: number | null;
  status: Status | Mark;
  coverage: Coverage;
  targetCarriedForward: boolean;
  targetFromYear: number | null;
}

/**
 * One row per point. `geographyOf` names a point's geography; `planFor` gives the month's suppression
 * plan (null: publication mode off).
 */
export function seriesRows(
  series: Series,
  geographyOf: (code: string) => Geography,
  planFor: ((month: string) => SuppressionPlan) | null,
): SeriesRow[] {
  const indicator = findIndicator(series.code);
  return series.points.map((point) => {
    const geography = geographyOf(point.geographyCode);
    const hidden = hideCell(point, planFor?.(point.month).cell(series.code, geography) ?? NOT_SUPPRESSED, EXPORT_HIDDEN);
    return {
      code: series.code,
      title: indicator?.title ?? '',
      unit: indicator?.unit ?? '',
      month: point.month,
      geographyType: geography.type,
      geographyCode: geography.code,
      geographyName: geography.name,
      value: hidden.value,
      numerator: hidden.numerator,
      denominator: hidden.denominator,
      target: point.target,
      floor: point.floor,
      status: hidden.status,
      coverage: point.coverage,
      targetCarriedForward: point.targetCarriedForward,
      targetFromYear: point.targetFromYear,
    };
  });
}

export const SERIES_CSV_HEADER = [
  'code', 'title', 'unit', 'month', 'geography_type', 'geography_code', 'geography_name', 'value', 'numerator',
  'denominator', 'target', 'floor', 'status', 'coverage', 'target_carried_forward', 'target_from_year',
] as const;

export function seriesCsvRow(row: SeriesRow): (string | number | boolean | null)[] {
  return [
    row.code, row.title, row.unit, row.month, row.geographyType, row.geographyCode, row.geographyName, row.value,
    row.numerator, row.denominator, row.target, row.floor, row.status, row.coverage, row.targetCarriedForward,
    row.targetFromYear,
  ];
}

// Caseloads ---------------------------------------------------------------------------------------------

/** The caseload measures publication mode protects: both are counts of open cases. */
export const CASELOAD_COUNTS = ['current', 'baseline'] as const;

export interface CaseloadExportRow {
  month: string;
  geographyType: GeographyType;
  code: string;
  name: string;
  areaCode: string | null;
  current: Figure;
  baseline: Figure;
  target: number | null;
}

/**
 * Districts, then areas, then the county. `plan` holds the measures `caseload:current` and
 * `caseload:baseline` (see caseloadFigures), or is null when publication mode is off.
 */
export function caseloadRows(caseloads: Caseloads, plan: SuppressionPlan | null): CaseloadExportRow[] {
  const row = (type: GeographyType, r: CaseloadRow): CaseloadExportRow => {
    const hidden = plan ? hiddenCaseloadCounts(plan, { type, code: r.code }, r) : { current: false, baseline: false };
    return {
      month: caseloads.month,
      geographyType: type,
      code: r.code,
      name: r.name,
      areaCode: type === 'county' ? null : type === 'area' ? r.code : r.areaCode,
      current: hideIf(r.current, hidden.current),
      baseline: hideIf(r.baseline, hidden.baseline),
      target: r.target,
    };
  };
  return [
    ...caseloads.districts.map((r) => row('district', r)),
    ...caseloads.areas.map((r) => row('area', r)),
    row('county', caseloads.county),
  ];
}

/** The caseloads' district figures as additive measures for planSuppression. */
export function caseloadFigures(caseloads: Caseloads) {
  return new Map(CASELOAD_COUNTS.map((measure) => [
    `caseload:${measure}`,
    caseloads.districts.map((d) => ({ code: d.code, numerator: d[measure], denominator: null })),
  ]));
}

export const CASELOADS_CSV_HEADER = [
  'month', 'geography_type', 'geography_code', 'geography_name', 'area_code', 'current', 'baseline', 'target',
] as const;

export function caseloadCsvRow(row: CaseloadExportRow): (string | number | null)[] {
  return [row.month, row.geographyType, row.code, row.name, row.areaCode, row.current, row.baseline, row.target];
}

// File names --------------------------------------------------------------------------------------------

/** 'Tonbridge & Malling' -> 'tonbridge-malling'. */
export function slug(text: string): string {
  return text.toLowerCase().normalize('NFKD').replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'geography';
}

const published = (suppressed: boolean) => (suppressed ? '-published' : '');

export function scorecardFileName(month: string, geography: Geography, suppressed: boolean, ext: 'csv' | 'xlsx'): string {
  return `ehps-scorecard-${month}-${slug(geography.name)}${published(suppressed)}.${ext}`;
}

export function seriesFileName(
  code: string, from: string, to: string, geography: Geography, by: 'district' | 'area' | undefined, suppressed: boolean,
): string {
  const breakdown = by ? `-by-${by}` : '';
  return `ehps-series-${code}-${from}-to-${to}-${slug(geography.name)}${breakdown}${published(suppressed)}.csv`;
}

export function caseloadsFileName(month: string, suppressed: boolean): string {
  return `ehps-caseloads-${month}${published(suppressed)}.csv`;
}
