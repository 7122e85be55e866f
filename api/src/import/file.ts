// One file of a batch, inside the batch's transaction: its header checked, then loaded in one pass when its
// table is empty (one-pass.ts), else (or when anything objects there) staged, checked and merged (staged.ts).
import { stat } from 'node:fs/promises';
import pg from 'pg';
import { readHeader } from './csv.js';
import { DATASET_NAMES, findDataset, referencedTables, type Dataset } from './datasets.js';
import { loadInOnePass } from './one-pass.js';
import { PROBLEM_LIMIT, type ImportProblem, type ProblemList } from './problems.js';
import { skipPerRowTriggers } from './references.js';
import * as build from './sql.js';
import { loadStaged } from './staged.js';
import type { FileReport, ImportFile, ImportOptions } from './types.js';

/**
 * A table is analysed before the indicators are recomputed from it (in the import's transaction) when it
 * was empty before the file, or the file wrote more than this share of the rows its statistics count.
 * Statistics that describe an emptier table lead the planner astray, whatever the table's size: after a
 * load rolled back (a killed import, a rejected batch) autovacuum finds only dead rows and records the
 * table's pages as holding none, so the next load's rows are estimated at one, and the refresh nests loops
 * over thousands of rows for hours.
 */
const REANALYZE_ABOVE_SHARE = 0.1;

export class FileProblems implements ProblemList {
  readonly list: ImportProblem[] = [];
  count = 0;
  constructor(readonly file: string) {}
  add(line: number | null, column: string | null, value: string | null, rule: string): void {
    this.count++;
    if (this.list.length < PROBLEM_LIMIT) this.list.push({ file: this.file, line, column, value, rule });
  }
}

/** `frozen`: the rows were written with COPY … FREEZE (already all-visible), so the table needs no vacuum. */
export type FileOutcome = { ok: true; report: FileReport; frozen: boolean } | { ok: false; problems: FileProblems };

/** What was written: the rows of the file, those inserted or changed, those a full extract removed. */
export interface Written { rows: number; changed: number; removed: number; frozen: boolean }

/** One file on its way in: what the loaders share. */
export interface FileLoad {
  client: pg.PoolClient;
  dataset: Dataset;
  path: string;
  columns: readonly string[];
  bytesTotal: number;
  options: ImportOptions;
  problems: FileProblems;
  onProgress: (progress: { bytesRead: number; records: number }) => void;
}

/**
 * Loads one file inside the batch's transaction (under savepoints, so a bad file leaves nothing behind).
 * With `keepGoodRows`, a bad file's valid rows are still merged so that the files after it in the batch are
 * checked against them; the batch is rolled back in that case anyway.
 */
export async function loadFile(client: pg.PoolClient, file: ImportFile, options: ImportOptions, keepGoodRows: boolean): Promise<FileOutcome> {
  const started = performance.now();
  const problems = new FileProblems(file.path);
  const fail = (rule: string, line: number | null = null): FileOutcome => {
    problems.add(line, null, null, rule);
    return { ok: false, problems };
  };

  const dataset = findDataset(file.dataset);
  if (!dataset) return fail(`unknown dataset "${file.dataset}" (datasets: ${DATASET_NAMES.join(', ')})`);
  let bytesTotal: number;
  try {
    const info = await stat(file.path);
    if (!info.isFile()) return fail('not a file');
    bytesTotal = info.size;
  } catch {
    return fail('file not found or not readable');
  }

  const header = await readHeader(file.path);
  if (!header.ok) return fail(header.rule, 1);
  checkHeader(dataset, header.columns, problems);
  if (problems.count > 0) return { ok: false, problems };

  const load: FileLoad = {
    client, dataset, path: file.path, columns: header.columns, bytesTotal, options, problems,
    onProgress: ({ bytesRead, records }) =>
      options.onProgress?.({ dataset: dataset.name, file: file.path, bytesRead, bytesTotal, rows: Math.max(records - 1, 0) }),
  };
  // Only imports write these tables, and they hold the import lock: the answer holds for the whole file.
  const { rows: [table] } = await client.query<{ empty: boolean }>(build.tableIsEmpty(dataset));
  // The rows the planner's statistics count, before the file (-1: never analysed nor vacuumed).
  const { rows: [counted] } = await client.query<{ rows: number }>(
    'SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = $1::regclass', [pg.escapeIdentifier(dataset.table)]);

  let written: Written | null = table!.empty ? await loadInOnePass(load) : null;
  if (written === null) {
    const staged = await loadStaged(load, { tableEmpty: table!.empty, keepGoodRows });
    if (!staged.ok) return { ok: false, problems };
    written = staged.written;
  }
  // What follows (the batch's later files, its checks, the refresh) is planned from the table's statistics.
  const { rows, changed, removed, frozen } = written;
  if (changed + removed > 0 && (table!.empty || counted!.rows <= 0 || changed + removed > REANALYZE_ABOVE_SHARE * counted!.rows)) {
    await client.query(`ANALYZE ${pg.escapeIdentifier(dataset.table)}`);
  }
  return { ok: true, frozen, report: { dataset: dataset.name, file: file.path, rows, changed, removed, ms: performance.now() - started } };
}

/**
 * The rows' references were checked in this transaction: the per-row foreign-key triggers can be skipped
 * for the load (as pg_restore does) when the database user may do so. The referenced tables are locked
 * against other writers until the import commits, so the check stays true.
 */
export async function skipReferenceTriggers(client: pg.PoolClient, dataset: Dataset): Promise<boolean> {
  return dataset.kind === 'record' && skipPerRowTriggers(client, referencedTables(dataset));
}

function checkHeader(dataset: Dataset, columns: readonly string[], problems: FileProblems): void {
  const expected = new Set(dataset.columns.map((c) => c.name));
  const seen = new Set<string>();
  for (const name of columns) {
    if (seen.has(name)) problems.add(1, name, name, 'the column appears twice in the header');
    seen.add(name);
    if (expected.has(name)) continue;
    const hint = expected.has(name.trim().toLowerCase())
      ? `column names are exact and lower case: expected ${name.trim().toLowerCase()}`
      : `unknown column (the columns of ${dataset.name} are: ${dataset.columns.map((c) => c.name).join(', ')})`;
    problems.add(1, name, name, hint);
  }
  for (const column of dataset.columns) {
    if (!seen.has(column.name)) problems.add(1, column.name, null, 'missing column: the header must name it');
  }
}
