// Kysely's view of the tables of sql/migrations. Dates are 'YYYY-MM-DD' text (see kysely.ts).
import type { Generated } from 'kysely';

export interface DistrictsTable { district_code: string; district_name: string; area_code: string; area_name: string }
export interface TargetsTable {
  indicator_code: string; year: number; geography_code: string;
  target: number; floor: number | null; floor_assumed: boolean;
}
export interface CaseloadTargetsTable { district_code: string; effective_from: string; baseline: number; target: number }
export interface ComparatorsTable { indicator_code: string; period: string; comparator: string; value: number; note: string | null }
export interface ActivityRangesTable { indicator_code: string; year: number; geography_code: string; lower: number; upper: number }
export interface ImportLogTable {
  id: Generated<number>; dataset: string; file_name: string; rows_in_file: number; replaced: boolean;
  imported_at: Generated<Date>;
}
export interface ReportMonthsTable { month: string; month_end: string; window_start: string }
export interface IndicatorResultsTable {
  indicator_code: string; month: string; district_code: string; numerator: number; denominator: number | null;
}

export interface Database {
  districts: DistrictsTable;
  targets: TargetsTable;
  caseload_targets: CaseloadTargetsTable;
  comparators: ComparatorsTable;
  activity_ranges: ActivityRangesTable;
  import_log: ImportLogTable;
  report_months: ReportMonthsTable;
  indicator_results: IndicatorResultsTable;
}
