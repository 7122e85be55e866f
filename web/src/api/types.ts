// Shapes of the public API (shared/spec/api.md). Fields may be added by the API, never renamed.
import type { Unit } from '../lib/format';

export type Polarity = 'higher_is_better' | 'lower_is_better';
export type YearBasis = 'financial' | 'academic';
export type Status = 'green' | 'amber' | 'red' | 'no_target' | 'no_data';
export type Direction = 'improving' | 'worsening' | 'stable' | null;
export type GeographyType = 'county' | 'area' | 'district';

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
  theme?: string;
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
