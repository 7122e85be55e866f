// Coverage (indicators.md, "Coverage"): the span of events and the as-at date of each record dataset, the
// months each dataset covers and, from the catalogue's `reads`, each measure's coverage at each month
// (full, partial or none). Computed in SQL by the refresh, from the tables and the small building blocks
// it has just refreshed; requests read the results (dataset_coverage, dataset_months, measure_coverage).
import type pg from 'pg';
import { COMPUTED_MEASURES, type RecordDataset } from '../indicators/catalog.js';
import { DATASETS, findDataset } from '../import/datasets.js';

/**
 * The event dates of each record dataset: the columns whose dates say when something happened (dates of
 * birth are not events). A month column counts as its first day; a pupil_absence row is dated by its term
 * (`term`): the first day of the month the term counts from (autumn 1 January, spring 1 March, summer 1
 * July of its academic year).
 */
export const EVENT_DATES: Readonly<Record<RecordDataset, readonly string[]>> = {
  early_help_cases: ['notified_on', 'assessed_on', 'plan_on', 'closed_on'],
  scs_referrals: ['referred_on'],
  scs_cases: ['opened_on', 'closed_on'],
  cc_registrations: ['registered_on'],
  cc_attendances: ['attended_on'],
  cc_inspections: ['inspected_on'],
  ff2_places: ['snapshot_month'],
  youth_contacts: ['contacted_on'],
  yj_outcomes: ['outcome_on'],
  yj_closures: ['closed_on'],
  neet_activity: ['month'],
  tf_claims: ['claimed_on'],
  pupil_absence: ['term'],
  exclusions: ['start_on'],
};

export const RECORD_DATASETS = Object.keys(EVENT_DATES) as RecordDataset[];

/**
 * The datasets whose events are months (a month column, an absence term), dated by the month's first day: an
 * extract holding a month's rows is taken once that month has ended, so when the as-at date is worked out from
 * the latest event they stand for the month's last day.
 */
export const MONTH_DATED_DATASETS: readonly RecordDataset[] = RECORD_DATASETS.filter((record) => EVENT_DATES[record]
  .every((column) => column === 'term' || findDataset(record)?.columns.find((c) => c.name === column)?.type === 'month'));

/** The first day of the month a term counts from ("Terms"), from the columns given as SQL. */
function termDate(academicYear: string, term: string): string {
  return `make_date(${academicYear}, CASE ${term} WHEN 'autumn' THEN 1 WHEN 'spring' THEN 3 ELSE 7 END, 1)`;
}

/**
 * The SQL date of one event column of a dataset: on the table (`typed`, months stored as their first day)
 * or on a staging table of the file's text (`text`).
 */
export function eventDateSql(dataset: RecordDataset, column: string, source: 'typed' | 'text'): string {
  const q = (name: string) => `"${name}"`;
  if (dataset === 'pupil_absence' && column === 'term') {
    return termDate(source === 'text' ? `${q('academic_year')}::integer` : q('academic_year'), q('term'));
  }
  if (source === 'typed') return q(column);
  const type = findDataset(dataset)?.columns.find((c) => c.name === column)?.type;
  return type === 'month' ? `(${q(column)} || '-01')::date` : `${q(column)}::date`;
}

/** The materialized building blocks boundsSql reads: all a dry run's as-at check needs refreshed. */
export const EVENT_BUILDING_BLOCKS: readonly string[] = ['_neet_by_month', '_pa_year_counts'];

/**
 * Each dataset's rows and earliest and latest event, one pass per record table (the two largest through
 * their building blocks, refreshed just before: _neet_by_month and _pa_year_counts).
 */
function boundsSql(): string {
  const selects = DATASETS.map((dataset) => {
    const name = `'${dataset.name}'`;
    if (dataset.kind === 'reference') return `SELECT ${name}, count(*), NULL::date, NULL::date FROM ${dataset.table}`;
    const record = dataset.name as RecordDataset;
    if (record === 'neet_activity') {
      return `SELECT ${name}, coalesce(sum(eet + neet + unknown), 0)::bigint, min(month), max(month) FROM _neet_by_month`;
    }
    if (record === 'pupil_absence') {
      return `SELECT ${name}, coalesce(sum(autumn + spring + summer), 0)::bigint,
          min(make_date(academic_year, CASE WHEN autumn > 0 THEN 1 WHEN spring > 0 THEN 3 ELSE 7 END, 1)),
          max(make_date(academic_year, CASE WHEN summer > 0 THEN 7 WHEN spring > 0 THEN 3 ELSE 1 END, 1))
        FROM (SELECT academic_year, sum(autumn_rows) AS autumn, sum(spring_rows) AS spring, sum(summer_rows) AS summer
              FROM _pa_year_counts GROUP BY academic_year) terms`;
    }
    const dates = EVENT_DATES[record].map((column) => eventDateSql(record, column, 'typed')).join(', ');
    return `SELECT ${name}, count(*), min(least(${dates})), max(greatest(${dates})) FROM ${dataset.table}`;
  });
  return selects.join('\nUNION ALL ');
}

/** Brings each dataset's rows and event span up to date (before the as-at dates are settled). */
export async function updateDatasetEvents(client: pg.ClientBase): Promise<void> {
  await client.query(`
    INSERT INTO dataset_coverage (dataset, row_count, first_event, last_event)
    SELECT * FROM (${boundsSql()}) AS bounds(dataset, row_count, first_event, last_event)
    ON CONFLICT (dataset) DO UPDATE
      SET row_count = EXCLUDED.row_count, first_event = EXCLUDED.first_event, last_event = EXCLUDED.last_event`);
}

/**
 * Each dataset's span of months: from the month of its earliest event to the last month that ends on or
 * before its as-at date (the latest event when no import has set one).
 */
export async function updateCoveredSpans(client: pg.ClientBase): Promise<void> {
  await client.query(`
    UPDATE dataset_coverage SET
      covered_from = date_trunc('month', first_event)::date,
      covered_to = (date_trunc('month', coalesce(as_at, last_event) + 1) - interval '1 month')::date
    WHERE covered_from IS DISTINCT FROM date_trunc('month', first_event)::date
       OR covered_to IS DISTINCT FROM (date_trunc('month', coalesce(as_at, last_event) + 1) - interval '1 month')::date`);
}

/** Every (measure, dataset, window) of the catalogue. */
function catalogueReads(): { measure: string; dataset: string; window: string }[] {
  return COMPUTED_MEASURES.flatMap((m) => m.reads.map((r) => ({ measure: m.code, ...r })));
}

/**
 * The report months each record dataset covers (dataset_months) and each measure's coverage at each report
 * month (measure_coverage). pupil_absence is covered at M only when every term that counts by M is loaded
 * for the county (the terms of _pa_month_terms). Rows are replaced with DELETE + INSERT, so readers of the
 * previous rows never wait on a lock.
 */
export async function updateCoverageMonths(client: pg.ClientBase): Promise<void> {
  await client.query('DELETE FROM dataset_months');
  await client.query(`
    WITH absence_years AS (
      SELECT academic_year, sum(autumn_rows) > 0 AS autumn, sum(spring_rows) > 0 AS spring, sum(summer_rows) > 0 AS summer
      FROM _pa_year_counts GROUP BY academic_year
    )
    INSERT INTO dataset_months (dataset, month)
    SELECT c.dataset, m.month
    FROM dataset_coverage c
    JOIN report_months m ON m.month BETWEEN c.covered_from AND c.covered_to
    WHERE c.row_count > 0 AND c.dataset = ANY($1::text[])
      AND (c.dataset <> 'pupil_absence' OR EXISTS (
        SELECT 1 FROM _pa_month_terms t JOIN absence_years y ON y.academic_year = t.academic_year
        WHERE t.month = m.month AND y.autumn AND (t.terms_complete < 2 OR y.spring) AND (t.terms_complete < 3 OR y.summer)))`,
  [RECORD_DATASETS]);

  const reads = catalogueReads();
  await client.query('DELETE FROM measure_coverage');
  await client.query(`
    INSERT INTO measure_coverage (indicator_code, month, coverage)
    SELECT r.measure, m.month,
           CASE
             WHEN bool_or(dm.month IS NULL) THEN 'none'
             WHEN bool_or(CASE r.window_kind
                            WHEN 'rolling' THEN (m.month - interval '11 months')::date
                            WHEN 'cohort' THEN (m.month - interval '23 months')::date
                            WHEN 'since_2015' THEN date '2015-01-01'
                            ELSE m.month
                          END < c.covered_from) THEN 'partial'
             ELSE 'full'
           END
    FROM unnest($1::text[], $2::text[], $3::text[]) AS r(measure, dataset, window_kind)
    CROSS JOIN report_months m
    LEFT JOIN dataset_coverage c ON c.dataset = r.dataset
    LEFT JOIN dataset_months dm ON dm.dataset = r.dataset AND dm.month = m.month
    GROUP BY r.measure, m.month`,
  [reads.map((r) => r.measure), reads.map((r) => r.dataset), reads.map((r) => r.window)]);
}
