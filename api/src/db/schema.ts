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

export interface AuthorityTable { la_number: number; la_name: string; region: string }
export interface BenchmarkMeasuresTable {
  measure_code: string; title: string; polarity: 'High' | 'Low' | '-'; unit: string; year_type: string;
  decimals: string; description: string; source: string; methodology: string;
}
export interface BenchmarkValuesTable {
  measure_code: string; period: string; geography_level: string; geography_name: string; la_number: number;
  region: string | null; value: number | null; symbol: string | null;
}
export interface StatisticalNeighboursTable {
  version: string; la_number: number; la_name: string; region: string; rank: number; neighbour_la_number: number; closeness: string;
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
  authority: AuthorityTable;
  benchmark_measures: BenchmarkMeasuresTable;
  benchmark_values: BenchmarkValuesTable;
  statistical_neighbours: StatisticalNeighboursTable;
}
