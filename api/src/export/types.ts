// The shapes the exports turn into files: the query modules' own types, since the export routes call the
// same query functions as the JSON routes and a file holds exactly what the JSON says.
import type { Direction as TrendDirection } from '../indicators/direction.js';
import type { Geography as ResolvedGeography } from '../queries/geography.js';
import type { SeriesPoint } from '../queries/series.js';

export type { Coverage, Status } from '../indicators/status.js';
export type { GeographyType, District as DistrictInfo } from '../queries/geography.js';
export type { Scorecard, ScorecardIndicator } from '../queries/scorecard.js';
export type { CaseloadRow, Caseloads } from '../queries/caseloads.js';
export type { ComparatorRow as Comparator } from '../queries/targets.js';
export type { SeriesPoint };

export type Direction = TrendDirection | null;
/** A geography as the files name it. */
export type Geography = Pick<ResolvedGeography, 'type' | 'code' | 'name'>;

export interface Series {
  code: string;
  points: SeriesPoint[];
}

/** The latest successful import of one dataset (from import_log). */
export interface DatasetImport {
  dataset: string;
  fileName: string;
  importedAt: Date;
}
