// Shapes of the public API (shared/spec/api.md). Fields may be added by the API, never renamed.
import type { Unit } from '../lib/format';
import type { BenchmarkResponse, ScorecardBenchmark as ScorecardBenchmarkOrNull } from '../../../api/src/schemas/benchmarks';

/** DfE's published figures on a county scorecard row (indicators.md, "Benchmarks"). */
export type ScorecardBenchmark = NonNullable<ScorecardBenchmarkOrNull>;
export type { BenchmarkResponse };
export type BenchmarkPeriod = BenchmarkResponse['periods'][number];
export type Band = ScorecardBenchmark['band'];

export type Polarity = 'higher_is_better' | 'lower_is_better';
export type YearBasis = 'financial' | 'academic';
export type Status = 'green' | 'amber' | 'red' | 'no_target' | 'no_data';
export type Direction = 'improving' | 'worsening' | 'stable' | null;
export type GeographyType = 'county' | 'area' | 'district';
/**
 * How much of a figure's window the data covers (indicators.md, "Coverage"): `partial` has a value but no RAG
 * (status no_data); `none` is outside the coverage of a dataset it reads (no value, status no_data).
 */
export type Coverage = 'full' | 'partial' | 'none';

export interface IndicatorInfo {
  code: string;
  title: string;
  unit: Unit;
  polarity: Polarity;
  yearBasis: YearBasis;
  theme: string;
  definition: string;
  source: string;
  numerator?: string | null;
  denominator?: string | null;
}

export interface MonthsResponse {
  first: string;
  latest: string;
  /** The latest month every dataset holding records covers: the month the app opens on (null before any data). */
  latestComplete: string | null;
}

export interface DatasetInfo {
  name: string;
  rows: number;
  /** YYYY-MM: the first month the dataset covers; null without records. */
  coveredFrom: string | null;
  /** YYYY-MM-DD: the date the extract was taken; null for reference data or before any import. */
  asAt: string | null;
  /** ISO 8601 in UTC. */
  lastImportedAt: string | null;
  /** The user, or `cli:<os user>` for the command line. */
  lastImportedBy: string | null;
}

export interface DatasetsResponse {
  datasets: DatasetInfo[];
}

export interface Comparator {
  comparator: string;
  value: number | null;
  period: string;
}

export interface ScorecardIndicator {
  code: string;
  title: string;
  unit: Unit;
  polarity: Polarity;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  floor: number | null;
  floorAssumed: boolean;
  targetYear: number | string | null;
  status: Status;
  direction: Direction;
  previousYearValue: number | null;
  comparators: Comparator[];
  coverage: Coverage;
  theme?: string;
  /** Null on area and district rows and for KPIs without a published measure (absent from older answers). */
  benchmark?: ScorecardBenchmark | null;
}

export interface ScorecardResponse {
  month: string;
  geography: { type: GeographyType; code: string; name: string };
  indicators: ScorecardIndicator[];
  context?: unknown[];
}

export interface SeriesPoint {
  month: string;
  geographyCode: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  floor: number | null;
  status: Status;
  coverage: Coverage;
}

export interface SeriesResponse {
  code: string;
  points: SeriesPoint[];
}

export interface CaseloadRow {
  code: string;
  name: string;
  areaCode?: string;
  current: number | null;
  baseline: number | null;
  target: number | null;
}

export interface CaseloadsResponse {
  month: string;
  districts: (CaseloadRow & { areaCode: string })[];
  areas: CaseloadRow[];
  county: CaseloadRow;
}
