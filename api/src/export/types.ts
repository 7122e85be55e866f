// The shapes the exports turn into files: the API contract's types (api/src/schemas), since the export routes
// call the same query functions as the JSON routes and a file holds exactly what the JSON says.
import type { Direction as TrendDirection } from '../schemas/common.js';
import type { SeriesPoint } from '../schemas/series.js';

export type { Coverage, Geography, GeographyType, Status } from '../schemas/common.js';
export type { District as DistrictInfo } from '../queries/geography.js';
export type { ScorecardResponse as Scorecard, ScorecardIndicator, Comparator } from '../schemas/scorecard.js';
export type { CaseloadRow, CaseloadsResponse as Caseloads } from '../schemas/caseloads.js';
export type { SeriesPoint };

export type Direction = TrendDirection | null;

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
