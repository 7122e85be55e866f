// Shared by the import tests: CSV files written to a throw-away folder, and a database snapshot to prove
// that a rejected file changed nothing.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type pg from 'pg';
import { expect } from 'vitest';
import type { ImportProblem, ImportReport } from '../../../api/src/import/index.js';

export interface Scratch {
  dir: string;
  /** Writes `name` with the given text exactly (no newline added) and returns its path. */
  write: (name: string, text: string | Buffer) => Promise<string>;
  remove: () => Promise<void>;
}

export async function scratchFolder(): Promise<Scratch> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'ehps-import-'));
  return {
    dir,
    write: async (name, text) => {
      const file = path.join(dir, name);
      await writeFile(file, text);
      return file;
    },
    remove: () => rm(dir, { recursive: true, force: true }),
  };
}

/** CSV text from lines, each ended by a newline. */
export const csv = (...lines: string[]) => lines.map((line) => `${line}\n`).join('');

/** Every row of every dataset table and the import log, for before/after comparisons. */
export async function snapshot(pool: pg.Pool): Promise<Record<string, unknown[]>> {
  const tables = ['districts', 'lsoas', 'lsoa_populations', 'childrens_centres', 'targets', 'caseload_targets', 'comparators',
    'early_help_cases', 'scs_referrals', 'scs_cases', 'cc_registrations', 'cc_attendances', 'cc_inspections', 'ff2_places',
    'youth_contacts', 'yj_outcomes', 'yj_closures', 'neet_activity', 'tf_claims', 'pupil_absence', 'exclusions',
    'import_log', 'indicator_results'];
  const result: Record<string, unknown[]> = {};
  for (const table of tables) {
    result[table] = (await pool.query(`SELECT * FROM ${table} ORDER BY 1, 2, 3`)).rows;
  }
  return result;
}

/** The problems of a failed import (fails the test if the import succeeded). */
export function problemsOf(report: ImportReport): ImportProblem[] {
  if (report.ok) expect.fail('the import was expected to be rejected');
  return report.problems;
}

/** The single problem of a failed import. */
export function onlyProblem(report: ImportReport): ImportProblem {
  const problems = problemsOf(report);
  expect(problems).toHaveLength(1);
  return problems[0]!;
}

/**
 * The refresh reads one view per measure (sql/views, tested on their own). These tests are about the
 * import: each measure is replaced by an empty stand-in view, so the refresh still runs (rebuilding
 * report_months and zero-filling indicator_results) whatever state the indicator SQL is in. The
 * materialized building blocks the refresh also rebuilds are dropped with them.
 */
export async function useStandInMeasureViews(pool: pg.Pool): Promise<void> {
  const { rows: helpers } = await pool.query<{ name: string }>(
    "SELECT matviewname AS name FROM pg_matviews WHERE schemaname = current_schema() AND matviewname LIKE '\\_%'");
  for (const { name } of helpers) await pool.query(`DROP MATERIALIZED VIEW IF EXISTS "${name}" CASCADE`);
  // Dataset coverage reads the NEET months and rows, and the absence terms and rows, from these building
  // blocks: stand-ins with the same figures.
  await pool.query(`CREATE MATERIALIZED VIEW _neet_by_month AS
    SELECT month, district_code, count(*) FILTER (WHERE activity = 'eet') AS eet,
           count(*) FILTER (WHERE activity = 'neet') AS neet, count(*) FILTER (WHERE activity = 'unknown') AS unknown
    FROM neet_activity GROUP BY month, district_code WITH NO DATA`);
  await pool.query(`CREATE MATERIALIZED VIEW _pa_year_counts AS
    SELECT academic_year, count(*) FILTER (WHERE term = 'autumn') AS autumn_rows,
           count(*) FILTER (WHERE term = 'spring') AS spring_rows, count(*) FILTER (WHERE term = 'summer') AS summer_rows
    FROM pupil_absence GROUP BY academic_year WITH NO DATA`);
  const { MEASURE_CODES } = await import('../../../api/src/indicators/catalog.js');
  for (const code of MEASURE_CODES) {
    const { rows } = await pool.query<{ relkind: string }>(
      "SELECT relkind FROM pg_class WHERE oid = to_regclass($1)", [code]);
    const kind = rows[0]?.relkind;
    if (kind === 'v') await pool.query(`DROP VIEW ${code} CASCADE`);
    else if (kind === 'm') await pool.query(`DROP MATERIALIZED VIEW ${code} CASCADE`);
    else if (kind) await pool.query(`DROP TABLE ${code} CASCADE`);
    await pool.query(`CREATE VIEW ${code} AS
      SELECT NULL::date AS month, NULL::text AS district_code, 0::float8 AS numerator, 0::float8 AS denominator WHERE false`);
  }
}
