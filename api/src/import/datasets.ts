// The format of every CSV extract (../shared/spec/datasets.md), declared once: the importer builds its
// header check, both its checks (rules.ts: the rules this declares, compiled for the stream and for SQL)
// and its merge statements from these definitions.
import { referencedTable, type Reference } from './reference-data.js';

export type { Reference } from './reference-data.js';
import { ACTIVITY_MEASURES } from '../indicators/catalog.js';

export type ColumnType =
  /** Free text, not empty. */
  | 'text'
  /** An opaque pseudonymised identifier of 1–64 characters. */
  | 'id'
  /** A district or area code: upper-case letters, digits and `_`, not `KENT`. */
  | 'geo_code'
  | 'date'
  | 'month'
  | 'boolean'
  | 'integer'
  /** A decimal number, stored as double precision. */
  | 'number'
  /** A decimal number stored exactly (numeric), such as ete_hours. */
  | 'decimal';

export interface Column {
  name: string;
  type: ColumnType;
  optional?: boolean;
  key?: boolean;
  /** The only values allowed (compared as text). */
  values?: readonly string[];
  min?: number;
  max?: number;
  references?: Reference;
}

/** A rule across the columns of one row; the problem is reported on `column`. */
export type RowRule =
  /** `column` is not before any present column of `after` (strictly after when `strict`). */
  | { kind: 'order'; column: string; after: readonly string[]; strict?: boolean }
  /** `column` is set exactly when `with` is. */
  | { kind: 'together'; column: string; with: string }
  /** When `column` is set, `needs` must be set too. */
  | { kind: 'requires'; column: string; needs: string; rule: string }
  /** `column` is at most the value of `limit`. */
  | { kind: 'at_most'; column: string; limit: string };

export interface Dataset {
  name: string;
  /** The table the rows are merged into (the same name as the dataset). */
  table: string;
  kind: 'reference' | 'record';
  columns: readonly Column[];
  rules: readonly RowRule[];
}

const ACTIVITY_CODES = ACTIVITY_MEASURES.map((measure) => measure.code);
const CLOSURE_REASONS = ['outcomes_achieved', 'stepped_up_to_scs', 'consent_withdrawn', 'moved_away', 'other'] as const;
const JUDGEMENTS = ['outstanding', 'good', 'requires_improvement', 'inadequate'] as const;
const OUTCOME_TYPES = ['community_resolution', 'youth_caution', 'youth_conditional_caution', 'conviction'] as const;
const SCHOOL_PHASES = ['primary', 'secondary'] as const;
const BENCHMARK_POLARITIES = ['High', 'Low', '-'] as const;
const BENCHMARK_YEAR_TYPES = ['Academic Year', 'Financial Year', 'Calendar Year', 'Annual'] as const;
const BENCHMARK_GEOGRAPHY_LEVELS = ['local_authority', 'region', 'sub_region', 'country'] as const;

const district: Column = { name: 'district_code', type: 'geo_code', references: 'districts' };

function dataset(name: string, kind: Dataset['kind'], columns: Column[], rules: RowRule[] = []): Dataset {
  return { name, table: name, kind, columns, rules };
}

/** Every dataset, in load order: reference data first, each after the data it refers to. */
export const DATASETS: readonly Dataset[] = [
  // Reference data
  dataset('districts', 'reference', [
    { name: 'district_code', type: 'geo_code', key: true },
    { name: 'district_name', type: 'text' },
    { name: 'area_code', type: 'geo_code' },
    { name: 'area_name', type: 'text' },
  ]),
  dataset('lsoas', 'reference', [
    { name: 'lsoa_code', type: 'text', key: true },
    district,
    { name: 'imd_decile', type: 'integer', min: 1, max: 10 },
  ]),
  dataset('lsoa_populations', 'reference', [
    { name: 'lsoa_code', type: 'text', key: true, references: 'lsoas' },
    { name: 'mid_year', type: 'integer', key: true },
    { name: 'under_5', type: 'integer', min: 0 },
  ]),
  dataset('childrens_centres', 'reference', [
    { name: 'centre_id', type: 'id', key: true },
    { name: 'centre_name', type: 'text' },
    district,
  ]),
  dataset('targets', 'reference', [
    { name: 'indicator_code', type: 'text', key: true, references: 'indicators' },
    { name: 'year', type: 'integer', key: true },
    { name: 'geography_code', type: 'text', key: true, references: 'geography' },
    { name: 'target', type: 'number' },
    { name: 'floor', type: 'number', optional: true },
    { name: 'floor_assumed', type: 'boolean' },
  ]),
  dataset('caseload_targets', 'reference', [
    { ...district, key: true },
    { name: 'effective_from', type: 'month', key: true },
    { name: 'baseline', type: 'integer', min: 0 },
    { name: 'target', type: 'integer', min: 0 },
  ]),
  dataset('comparators', 'reference', [
    { name: 'indicator_code', type: 'text', key: true, references: 'indicators' },
    { name: 'period', type: 'month', key: true },
    { name: 'comparator', type: 'text', key: true },
    { name: 'value', type: 'number' },
    { name: 'note', type: 'text', optional: true },
  ]),
  // Benchmarks: the home authority and DfE's published figures (reference/benchmarks/, indicators.md "Benchmarks").
  dataset('authority', 'reference', [
    { name: 'la_number', type: 'integer', key: true, min: 1 },
    { name: 'la_name', type: 'text' },
    { name: 'region', type: 'text' },
  ]),
  dataset('benchmark_measures', 'reference', [
    { name: 'measure_code', type: 'text', key: true },
    { name: 'title', type: 'text' },
    { name: 'polarity', type: 'text', values: BENCHMARK_POLARITIES },
    { name: 'unit', type: 'text' },
    { name: 'year_type', type: 'text', values: BENCHMARK_YEAR_TYPES },
    { name: 'decimals', type: 'text' },
    { name: 'description', type: 'text' },
    { name: 'source', type: 'text' },
    { name: 'methodology', type: 'text' },
  ]),
  dataset('benchmark_values', 'reference', [
    { name: 'measure_code', type: 'text', key: true },
    { name: 'period', type: 'text', key: true },
    { name: 'geography_level', type: 'text', values: BENCHMARK_GEOGRAPHY_LEVELS },
    { name: 'geography_name', type: 'text' },
    { name: 'la_number', type: 'integer', key: true, min: 1 },
    { name: 'region', type: 'text', optional: true },
    // Empty when DfE published text instead of a number: the text is in symbol ('-': not available).
    { name: 'value', type: 'number', optional: true },
    { name: 'symbol', type: 'text', optional: true },
  ]),
  dataset('statistical_neighbours', 'reference', [
    { name: 'version', type: 'text', key: true },
    { name: 'la_number', type: 'integer', key: true, min: 1 },
    { name: 'la_name', type: 'text' },
    { name: 'region', type: 'text' },
    { name: 'rank', type: 'integer', key: true, min: 1 },
    { name: 'neighbour_la_number', type: 'integer', min: 1 },
    { name: 'closeness', type: 'text' },
  ]),

  dataset('activity_ranges', 'reference', [
    // Only an activity indicator has an expected range (the catalogue's list).
    { name: 'indicator_code', type: 'text', key: true, references: 'indicators', values: ACTIVITY_CODES },
    { name: 'year', type: 'integer', key: true },
    { name: 'geography_code', type: 'text', key: true, references: 'geography' },
    { name: 'lower', type: 'number' },
    { name: 'upper', type: 'number' },
  ], [
    { kind: 'at_most', column: 'lower', limit: 'upper' },
  ]),

  // Records
  dataset('early_help_cases', 'record', [
    { name: 'case_id', type: 'id', key: true },
    { name: 'child_id', type: 'id' },
    district,
    { name: 'notified_on', type: 'date' },
    { name: 'assessed_on', type: 'date', optional: true },
    { name: 'plan_on', type: 'date', optional: true },
    { name: 'closed_on', type: 'date', optional: true },
    { name: 'closure_reason', type: 'text', optional: true, values: CLOSURE_REASONS },
  ], [
    { kind: 'order', column: 'assessed_on', after: ['notified_on'] },
    { kind: 'order', column: 'plan_on', after: ['assessed_on', 'notified_on'] },
    { kind: 'order', column: 'closed_on', after: ['plan_on', 'assessed_on', 'notified_on'] },
    { kind: 'together', column: 'closure_reason', with: 'closed_on' },
    { kind: 'requires', column: 'plan_on', needs: 'assessed_on', rule: 'a plan needs an assessment: assessed_on is empty' },
  ]),
  dataset('scs_referrals', 'record', [
    { name: 'referral_id', type: 'id', key: true },
    { name: 'child_id', type: 'id' },
    district,
    { name: 'referred_on', type: 'date' },
  ]),
  dataset('scs_cases', 'record', [
    { name: 'case_id', type: 'id', key: true },
    { name: 'child_id', type: 'id' },
    { name: 'child_dob', type: 'date' },
    district,
    { name: 'opened_on', type: 'date' },
    { name: 'closed_on', type: 'date', optional: true },
    { name: 'stepped_down_to_early_help', type: 'boolean', optional: true },
  ], [
    { kind: 'order', column: 'opened_on', after: ['child_dob'] },
    { kind: 'order', column: 'closed_on', after: ['opened_on', 'child_dob'] },
    { kind: 'together', column: 'stepped_down_to_early_help', with: 'closed_on' },
  ]),
  dataset('cc_registrations', 'record', [
    { name: 'child_id', type: 'id', key: true },
    { name: 'child_dob', type: 'date' },
    { name: 'lsoa_code', type: 'text', references: 'lsoas' },
    { name: 'centre_id', type: 'id', references: 'childrens_centres' },
    { name: 'registered_on', type: 'date' },
  ], [
    { kind: 'order', column: 'registered_on', after: ['child_dob'] },
  ]),
  dataset('cc_attendances', 'record', [
    { name: 'attendance_id', type: 'id', key: true },
    { name: 'child_id', type: 'id', references: 'cc_registrations' },
    { name: 'centre_id', type: 'id', references: 'childrens_centres' },
    { name: 'attended_on', type: 'date' },
  ]),
  dataset('cc_inspections', 'record', [
    { name: 'centre_id', type: 'id', key: true, references: 'childrens_centres' },
    { name: 'inspected_on', type: 'date', key: true },
    { name: 'judgement', type: 'text', values: JUDGEMENTS },
  ]),
  dataset('ff2_places', 'record', [
    { name: 'child_id', type: 'id', key: true },
    { name: 'snapshot_month', type: 'month', key: true },
    district,
    { name: 'taking_up', type: 'boolean' },
  ]),
  dataset('youth_contacts', 'record', [
    { name: 'contact_id', type: 'id', key: true },
    { name: 'young_person_id', type: 'id' },
    { name: 'contacted_on', type: 'date' },
  ]),
  dataset('yj_outcomes', 'record', [
    { name: 'outcome_id', type: 'id', key: true },
    { name: 'young_person_id', type: 'id' },
    { name: 'young_person_dob', type: 'date' },
    district,
    { name: 'outcome_on', type: 'date' },
    { name: 'outcome_type', type: 'text', values: OUTCOME_TYPES },
  ], [
    { kind: 'order', column: 'outcome_on', after: ['young_person_dob'], strict: true },
  ]),
  dataset('yj_closures', 'record', [
    { name: 'closure_id', type: 'id', key: true },
    { name: 'young_person_id', type: 'id' },
    district,
    { name: 'closed_on', type: 'date' },
    { name: 'statutory_school_age', type: 'boolean' },
    { name: 'ete_hours', type: 'decimal', min: 0, max: 60 },
  ]),
  dataset('neet_activity', 'record', [
    { name: 'young_person_id', type: 'id', key: true },
    { name: 'month', type: 'month', key: true },
    district,
    { name: 'academic_age', type: 'integer', values: ['16', '17', '18'] },
    { name: 'activity', type: 'text', values: ['eet', 'neet', 'unknown'] },
  ]),
  dataset('tf_claims', 'record', [
    { name: 'family_id', type: 'id', key: true },
    { name: 'phase', type: 'integer', key: true, values: ['1', '2'] },
    district,
    { name: 'claimed_on', type: 'date' },
  ]),
  dataset('pupil_absence', 'record', [
    { name: 'pupil_id', type: 'id', key: true },
    { ...district, key: true },
    { name: 'phase', type: 'text', key: true, values: SCHOOL_PHASES },
    { name: 'academic_year', type: 'integer', key: true },
    { name: 'term', type: 'text', key: true, values: ['autumn', 'spring', 'summer'] },
    { name: 'possible_sessions', type: 'integer', min: 0 },
    { name: 'absent_sessions', type: 'integer', min: 0 },
  ], [
    { kind: 'at_most', column: 'absent_sessions', limit: 'possible_sessions' },
  ]),
  dataset('exclusions', 'record', [
    { name: 'exclusion_id', type: 'id', key: true },
    { name: 'pupil_id', type: 'id' },
    district,
    { name: 'phase', type: 'text', values: SCHOOL_PHASES },
    { name: 'type', type: 'text', values: ['fixed', 'permanent'] },
    { name: 'start_on', type: 'date' },
  ]),
];

/** The dataset names, in load order. */
export const DATASET_NAMES: readonly string[] = DATASETS.map((d) => d.name);

const byName = new Map(DATASETS.map((d) => [d.name, d]));

export function findDataset(name: string): Dataset | undefined {
  return byName.get(name);
}

/** The dataset a file is named after (`<dataset>.csv`), or null for any other name. */
export function datasetOfFile(fileName: string): string | null {
  const name = fileName.endsWith('.csv') ? fileName.slice(0, -4) : null;
  return name !== null && byName.has(name) ? name : null;
}

/** Position in load order (reference data first). */
export function loadOrder(name: string): number {
  const index = DATASET_NAMES.indexOf(name);
  return index < 0 ? DATASET_NAMES.length : index;
}

export function keyColumns(dataset: Dataset): Column[] {
  return dataset.columns.filter((c) => c.key);
}

/** The tables a dataset's references point into. */
export function referencedTables(dataset: Dataset): string[] {
  const tables = new Set<string>();
  for (const column of dataset.columns) {
    if (column.references) tables.add(referencedTable(column.references));
  }
  return [...tables];
}
