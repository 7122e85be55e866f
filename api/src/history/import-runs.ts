// The import history: one row per check or load, whoever ran it and however (browser, command line, first
// start), read by the Import page. Written beside the import, never by it: a failed write here does not
// undo a load that committed.
import type pg from 'pg';
import type { ImportReport } from '../import/index.js';

export type ImportSource = 'upload' | 'command_line' | 'first_start';

export interface ImportRunFile {
  dataset: string;
  file: string;
  rows: number;
  changed: number;
  removed: number;
  /** The dataset's as-at date after the import (record datasets that were loaded). */
  asAt: string | null;
}

export interface ImportRun {
  id: number;
  at: string;
  importedBy: string;
  source: ImportSource;
  dryRun: boolean;
  replace: boolean;
  asAtGiven: string | null;
  outcome: 'loaded' | 'checked' | 'refused' | 'failed';
  problemCount: number;
  files: ImportRunFile[];
}

export interface ImportRunInput {
  importedBy: string;
  source: ImportSource;
  dryRun: boolean;
  replace: boolean;
  asAtGiven: string | null;
  /** The importer's report; null when it stopped on an unexpected error. */
  report: ImportReport | null;
}

/** Records one run; the files' as-at dates are read after the import, as it left them. */
export async function recordImportRun(pool: pg.Pool, input: ImportRunInput): Promise<void> {
  const { report } = input;
  const outcome = report === null ? 'failed' : !report.ok ? 'refused' : report.dryRun ? 'checked' : 'loaded';
  const files = report?.ok ? report.files : [];
  const { rows: asAts } = await pool.query<{ dataset: string; as_at: string | null }>(
    `SELECT dataset, to_char(as_at, 'YYYY-MM-DD') AS as_at FROM dataset_coverage WHERE dataset = ANY($1::text[])`,
    [files.map((f) => f.dataset)],
  );
  const asAtOf = new Map(asAts.map((r) => [r.dataset, r.as_at]));
  const recorded: ImportRunFile[] = files.map((f) => ({
    dataset: f.dataset,
    file: f.file.split(/[\\/]/).pop() ?? f.file,
    rows: f.rows,
    changed: f.changed,
    removed: f.removed,
    asAt: outcome === 'loaded' ? asAtOf.get(f.dataset) ?? null : null,
  }));
  await pool.query(
    `INSERT INTO import_runs (imported_by, source, dry_run, replace, as_at_given, outcome, problem_count, files)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [input.importedBy, input.source, input.dryRun, input.replace, asDate(input.asAtGiven), outcome,
      report && !report.ok ? report.problemCount : 0, JSON.stringify(recorded)],
  );
}

/** A date given as YYYY-MM-DD; anything else (a refused, malformed --as-at) is not kept as one. */
function asDate(given: string | null): string | null {
  return given !== null && /^\d{4}-\d{2}-\d{2}$/.test(given) && !Number.isNaN(Date.parse(`${given}T00:00:00Z`))
    && new Date(`${given}T00:00:00Z`).toISOString().startsWith(given) ? given : null;
}

/** The latest runs, newest first. */
export async function loadImportRuns(pool: pg.Pool, limit = 50): Promise<ImportRun[]> {
  const { rows } = await pool.query<{
    id: string; at: Date; imported_by: string; source: ImportSource; dry_run: boolean; replace: boolean;
    as_at_given: string | null; outcome: ImportRun['outcome']; problem_count: number; files: ImportRunFile[];
  }>(
    `SELECT id, at, imported_by, source, dry_run, replace, to_char(as_at_given, 'YYYY-MM-DD') AS as_at_given,
            outcome, problem_count, files
       FROM import_runs ORDER BY at DESC, id DESC LIMIT $1`,
    [limit],
  );
  return rows.map((r) => ({
    id: Number(r.id), at: r.at.toISOString(), importedBy: r.imported_by, source: r.source, dryRun: r.dry_run,
    replace: r.replace, asAtGiven: r.as_at_given, outcome: r.outcome, problemCount: r.problem_count, files: r.files,
  }));
}
