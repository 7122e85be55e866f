// The JSON shapes of the public API (../shared/spec/api.md) that the exports turn into files. The export
// routes call the same query functions as the JSON routes, so a file holds exactly what the JSON says.

export type GeographyType = 'county' | 'area' | 'district';
export type Status = 'green' | 'amber' | 'red' | 'no_target' | 'no_data';
export type Direction = 'improving' | 'worsening' | 'stable' | null;

export interface Geography {
  type: GeographyType;
  code: string;
  name: string;
}

export interface Comparator {
  comparator: string;
  value: number;
  period: string;
}

export interface ScorecardIndicator {
  code: string;
  title: string;
  unit: 'percent' | 'count';
  polarity: 'higher_is_better' | 'lower_is_better';
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  target: number | null;
  floor: number | null;
  floorAssumed: boolean | null;
  targetYear: number | null;
  status: Status;
  direction: Direction;
  previousYearValue: number | null;
  comparators: Comparator[];
}

export interface Scorecard {
  month: string;
  geography: Geography;
  indicators: ScorecardIndicator[];
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

export interface Series {
  code: string;
  points: SeriesPoint[];
}

export interface CaseloadRow {
  code: string;
  name: string;
  areaCode: string | null;
  current: number | null;
  baseline: number | null;
  target: number | null;
}

export interface Caseloads {
  month: string;
  districts: CaseloadRow[];
  areas: CaseloadRow[];
  county: CaseloadRow;
}

/** A district with its area, as the reference data holds it. */
export interface DistrictInfo {
  code: string;
  name: string;
  areaCode: string;
  areaName: string;
}

/** The latest successful import of one dataset (from import_log). */
export interface DatasetImport {
  dataset: string;
  fileName: string;
  importedAt: Date;
}
