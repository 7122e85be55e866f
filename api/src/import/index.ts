// Imports CSV extracts (../shared/spec/datasets.md). A file for an empty table is read once: COPY straight
// into the table while each record is checked in the stream. Otherwise, or when anything objects, the
// file is streamed with COPY into a staging table, checked with set-based SQL that lists every problem
// with its line, and merged by key into its table. A batch of files loads in one
// transaction, reference data first, and recomputes the indicators before it commits; a batch with any
// problem loads nothing.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { refreshResults } from '../results/refresh.js';
import { AS_AT_FILE, asAtProblem, AsAtProblems, readAsAtFile, settleAsAt, type AsAt } from './as-at.js';
import { DATA_LOCK, takeLock, type OnLockWait } from '../db/locks.js';
import { CsvScanner, listShapeProblems, readHeader } from './csv.js';
import { DATASET_NAMES, DATASETS, findDataset, loadOrder, referencedTable, referencedTables, type Dataset } from './datasets.js';
import { PROBLEM_LIMIT, type ImportProblem, type ProblemList } from './problems.js';
import { findDanglingReferences, removeAbsentRows, skipPerRowTriggers } from './references.js';
import { prepareImportSession } from './session.js';
import * as build from './sql.js';
import { compileRowCheck, monthFieldIndexes, RecordChecker, type ReferenceSets } from './stream-check.js';

export { DATASET_NAMES, DATASETS, findDataset, type Dataset } from './datasets.js';
export { formatProblem, formatProblems, PROBLEM_LIMIT, type ImportProblem } from './problems.js';
export { AS_AT_FILE } from './as-at.js';

export interface ImportFile { dataset: string; path: string }

export interface ImportProgress {
  dataset: string;
  file: string;
  bytesRead: number;
  bytesTotal: number;
  /** Data rows read so far (the header not counted). */
  rows: number;
}

export interface ImportOptions {
  /** Each file is a full extract: stored rows whose key is not in the file are deleted. */
  replace?: boolean;
  /** Check and stage everything, then roll back: nothing is written. */
  dryRun?: boolean;
  /**
   * The date the extracts were taken (YYYY-MM-DD; not in the future): the as-at date of every record
   * dataset of the batch, which may hold no record dated after it. It overrides a folder's as-at.txt.
   * Without either, each dataset of the batch takes the batch's latest event date, or keeps a later
   * as-at it already has.
   */
  asAt?: string;
  /** Who imports (kept as the datasets' last import): the signed-in user, or `cli:<os user>`. */
  importedBy?: string;
  onProgress?: (progress: ImportProgress) => void;
  /** Called once the batch and its indicators are committed (a vacuum of merged tables may follow). */
  onCommitted?: () => void;
  /** Told who holds the data lock when the import must wait for it (another import, a refresh). */
  onLockWait?: OnLockWait;
}

export interface FileReport {
  dataset: string;
  file: string;
  /** Data rows in the file. */
  rows: number;
  /** Rows inserted or changed (rows identical to the stored ones are not counted). */
  changed: number;
  /** Rows deleted because the file, a full extract, no longer has them (replace only). */
  removed: number;
  ms: number;
}

export type ImportReport =
  | { ok: true; dryRun: boolean; files: FileReport[]; ms: number; warnings: string[] }
  | { ok: false; problems: ImportProblem[]; problemCount: number; warnings: string[] };

/** Above this many rows a load into an empty table drops its indexes and rebuilds them after. */
const DEFER_INDEXES_ABOVE_ROWS = 100_000;
/** The same, for a file loaded in one pass before its rows are counted (some 25,000 rows). */
const DEFER_INDEXES_ABOVE_BYTES = 1 << 20;
/** Above this many rows the staging table is analysed before it is queried. */
const ANALYZE_ABOVE_ROWS = 10_000;
/**
 * A table is analysed before the indicators are recomputed from it (in the import's transaction) when it
 * was empty before the file, or the file wrote more than this share of the rows its statistics count.
 * Statistics that describe an emptier table lead the planner astray, whatever the table's size: after a
 * load rolled back (a killed import, a rejected batch) autovacuum finds only dead rows and records the
 * table's pages as holding none, so the next load's rows are estimated at one, and the refresh nests loops
 * over thousands of rows for hours.
 */
const REANALYZE_ABOVE_SHARE = 0.1;

class FileChanged extends Error {}

class FileProblems implements ProblemList {
  readonly list: ImportProblem[] = [];
  count = 0;
  constructor(readonly file: string) {}
  add(line: number | null, column: string | null, value: string | null, rule: string): void {
    this.count++;
    if (this.list.length < PROBLEM_LIMIT) this.list.push({ file: this.file, line, column, value, rule });
  }
}

/** `frozen`: the rows were written with COPY … FREEZE (already all-visible), so the table needs no vacuum. */
type FileOutcome = { ok: true; report: FileReport; frozen: boolean } | { ok: false; problems: FileProblems };

interface PgError extends Error { code?: string; where?: string; detail?: string; table?: string; column?: string }

/** Imports the given files as one batch (reference data first, whatever the order given). */
export async function importFiles(pool: pg.Pool, files: readonly ImportFile[], options: ImportOptions = {}): Promise<ImportReport> {
  return runBatch(pool, files, options, [], null);
}

/**
 * Imports every `<dataset>.csv` in a folder as one batch, reference data first. Other files are
 * skipped with a warning.
 */
export async function importDirectory(pool: pg.Pool, dir: string, options: ImportOptions = {}): Promise<ImportReport> {
  let entries: import('node:fs').Dirent[];
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? 'is not a folder' : 'folder not found or not readable';
    return { ok: false, problems: [{ file: dir, line: null, column: null, value: null, rule: reason }], problemCount: 1, warnings: [] };
  }
  const files: ImportFile[] = [];
  const warnings: string[] = [];
  let folderAsAt: AsAt | null = null;
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const dataset = entry.name.endsWith('.csv') ? entry.name.slice(0, -4) : null;
    if (entry.isFile() && entry.name === AS_AT_FILE) {
      // The date the folder's extracts were taken; --as-at (options.asAt) overrides it.
      if (options.asAt !== undefined) continue;
      const read = await readAsAtFile(path.join(dir, entry.name));
      if (!read.ok) return { ok: false, problems: [read.problem], problemCount: 1, warnings };
      folderAsAt = read.asAt;
    } else if (entry.isFile() && dataset !== null && findDataset(dataset)) {
      files.push({ dataset, path: path.join(dir, entry.name) });
    } else {
      warnings.push(`${path.join(dir, entry.name)} skipped: not a dataset file (dataset files are named <dataset>.csv, such as districts.csv)`);
    }
  }
  if (files.length === 0) {
    const rule = `no dataset files in the folder (expected files such as districts.csv; datasets: ${DATASET_NAMES.join(', ')})`;
    return { ok: false, problems: [{ file: dir, line: null, column: null, value: null, rule }], problemCount: 1, warnings };
  }
  return runBatch(pool, files, options, warnings, folderAsAt);
}

async function runBatch(
  pool: pg.Pool, files: readonly ImportFile[], options: ImportOptions, warnings: string[], folderAsAt: AsAt | null,
): Promise<ImportReport> {
  const started = performance.now();
  const asAt: AsAt | null = options.asAt !== undefined ? { date: options.asAt, source: '--as-at', line: null } : folderAsAt;
  const badAsAt = asAt && asAtProblem(asAt);
  if (badAsAt) return { ok: false, problems: [badAsAt], problemCount: 1, warnings };
  // Set inside the refresh, once each dataset's events are known; records after an explicit date are problems.
  const asAtStep = {
    settleAsAt: (client: pg.PoolClient) => settleAsAt(client, { files, asAt, importedBy: options.importedBy ?? null }),
  };
  const ordered = files
    .map((file, index) => ({ file, index }))
    .sort((a, b) => loadOrder(a.file.dataset) - loadOrder(b.file.dataset) || a.index - b.index)
    .map(({ file }) => file);

  const client = await pool.connect();
  let released = false;
  try {
    await client.query('BEGIN');
    await prepareImportSession(client);
    // Imports, refreshes and view installs one at a time: two at once would each check against data the other
    // is changing.
    await takeLock(client, DATA_LOCK, 'xact', options.onLockWait);
    await client.query("SET LOCAL work_mem = '256MB'");
    const reports: FileReport[] = [];
    const problems: ProblemList[] = [];
    const toVacuum = new Set<string>();
    for (const file of ordered) {
      const outcome = await loadFile(client, file, options, problems.length > 0 || ordered.length > 1);
      if (outcome.ok) {
        reports.push(outcome.report);
        if (!outcome.frozen && outcome.report.changed + outcome.report.removed > 0) toVacuum.add(findDataset(file.dataset)!.table);
      } else {
        problems.push(outcome.problems);
      }
    }
    // What the batch leaves: stored rows still referring to what a full extract removed.
    if (problems.length === 0) {
      const dangling = await findDanglingReferences(client, reports.map((r) => ({ table: findDataset(r.dataset)!.table, file: r.file, removed: r.removed })));
      if (dangling.count > 0) problems.push({ list: dangling.problems, count: dangling.count });
    }
    // Checks the database defers to the commit (a district's area, which targets may name; the references
    // deferred while a full extract removed rows): run now, so that a failure is reported like any problem
    // of a file rather than as an error at COMMIT.
    if (problems.length === 0) {
      const failed = await runDeferredChecks(client, ordered, options.replace ?? false);
      if (failed) problems.push(failed);
    }
    if (problems.length > 0) {
      await client.query('ROLLBACK');
      return {
        ok: false,
        problems: problems.flatMap((p) => p.list),
        problemCount: problems.reduce((sum, p) => sum + p.count, 0),
        warnings,
      };
    }
    if (options.dryRun) {
      // Records are checked against the as-at date too (the refresh runs as far as that), then all is undone.
      const hasRecords = ordered.some((file) => findDataset(file.dataset)?.kind === 'record');
      const rejected = hasRecords ? await asAtRejection(() => refreshResults(client, { ...asAtStep, stopAfterAsAt: true })) : null;
      await client.query('ROLLBACK');
      if (rejected) return { ...rejected, warnings };
      return { ok: true, dryRun: true, files: reports, ms: performance.now() - started, warnings };
    }
    for (const report of reports) {
      await client.query(
        'INSERT INTO import_log (dataset, file_name, rows_in_file, replaced) VALUES ($1, $2, $3, $4)',
        [report.dataset, report.file, report.rows, options.replace ?? false],
      );
    }
    try {
      const rejected = await asAtRejection(() => refreshResults(client, asAtStep));
      if (rejected) {
        await client.query('ROLLBACK');
        return { ...rejected, warnings };
      }
    } catch (error) {
      throw new Error(`The files are valid, but the indicators could not be recomputed, so nothing was loaded: ${(error as Error).message}`, { cause: error });
    }
    // COMMIT on a transaction that failed unnoticed answers ROLLBACK rather than an error.
    if ((await client.query('COMMIT')).command !== 'COMMIT') throw new Error('The import could not be committed: nothing was loaded.');
    try {
      options.onCommitted?.();
    } catch {
      // the caller's bookkeeping; the import has committed either way
    }
    await vacuumMerged(client, toVacuum, warnings);
    return { ok: true, dryRun: false, files: reports, ms: performance.now() - started, warnings };
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    // A connection in an unknown state is not returned to the pool.
    client.release(error as Error);
    released = true;
    throw error;
  } finally {
    if (!released) client.release();
  }
}

/** Runs the refresh; records dated after the as-at date come back as the batch's problems. */
async function asAtRejection(refresh: () => Promise<unknown>): Promise<{ ok: false; problems: ImportProblem[]; problemCount: number } | null> {
  try {
    await refresh();
    return null;
  } catch (error) {
    if (!(error instanceof AsAtProblems)) throw error;
    return { ok: false, problems: error.problems, problemCount: error.count };
  }
}

/**
 * Runs the constraint checks deferred to the end of the transaction; on failure, the problem, named after the
 * batch's file for the table the broken reference points at (districts for a target's area). The transaction
 * is then aborted.
 */
async function runDeferredChecks(client: pg.PoolClient, files: readonly ImportFile[], replace: boolean): Promise<FileProblems | null> {
  try {
    await client.query('SET CONSTRAINTS ALL IMMEDIATE');
    return null;
  } catch (error) {
    const pointsAt = referencedTableOf(error as PgError) ?? 'districts';
    const file = files.find((f) => findDataset(f.dataset)?.table === pointsAt) ?? files.find((f) => f.dataset === 'districts') ?? files[0]!;
    const problems = new FileProblems(file.path);
    const problem = describeDatabaseError(error as PgError, replace);
    problems.add(null, problem.column, problem.value, problem.rule);
    return problems;
  }
}

/**
 * Marks the pages of rows merged into a table all-visible (VACUUM, after the commit: it cannot run in a
 * transaction), so the next refresh reads the indexes that cover its queries, the absence key among
 * them, without visiting those pages; autovacuum may not come for a term's rows in a table of millions.
 * A few seconds for a term of absence rows at ten times Kent. The data is committed by then: anything
 * that stops the vacuum (not the table's owner, a lock held by another session, an error) is a warning.
 */
async function vacuumMerged(client: pg.PoolClient, tables: ReadonlySet<string>, warnings: string[]): Promise<void> {
  const later = 'the next refreshes may be slower until the table is vacuumed';
  // PostgreSQL skips a table it may not or cannot vacuum now with a WARNING, not an error.
  const onNotice = (notice: { severity?: string; message?: string }) => {
    if (notice.severity === 'WARNING') warnings.push(`${notice.message}: ${later}`);
  };
  client.on('notice', onNotice);
  try {
    for (const table of tables) {
      try {
        await client.query(`VACUUM (SKIP_LOCKED) ${pg.escapeIdentifier(table)}`);
      } catch (error) {
        warnings.push(`${table}: the rows are loaded, but the table could not be vacuumed (${(error as Error).message}): ${later}`);
      }
    }
  } finally {
    client.off('notice', onNotice);
  }
}

/**
 * Stages, checks and merges one file inside the batch's transaction (under a savepoint, so a bad file
 * leaves nothing behind). With `keepGoodRows`, a bad file's valid rows are still merged so that the
 * files after it in the batch are checked against them; the batch is rolled back in that case anyway.
 */
async function loadFile(client: pg.PoolClient, file: ImportFile, options: ImportOptions, keepGoodRows: boolean): Promise<FileOutcome> {
  const started = performance.now();
  const problems = new FileProblems(file.path);
  const fail = (rule: string, column: string | null = null, value: string | null = null, line: number | null = null): FileOutcome => {
    problems.add(line, column, value, rule);
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
  if (!header.ok) return fail(header.rule, null, null, 1);
  checkHeader(dataset, header.columns, problems);
  if (problems.count > 0) return { ok: false, problems };

  const onProgress = ({ bytesRead, records }: { bytesRead: number; records: number }) =>
    options.onProgress?.({ dataset: dataset.name, file: file.path, bytesRead, bytesTotal, rows: Math.max(records - 1, 0) });
  // Only imports write these tables, and they hold the import lock: the answer holds for the whole file.
  const { rows: [table] } = await client.query<{ empty: boolean }>(build.tableIsEmpty(dataset));
  // The rows the planner's statistics count, before the file (-1: never analysed nor vacuumed).
  const { rows: [counted] } = await client.query<{ rows: number }>(
    'SELECT reltuples::float8 AS rows FROM pg_class WHERE oid = $1::regclass', [pg.escapeIdentifier(dataset.table)]);
  // What follows (the batch's later files, its checks, the refresh) is planned from the table's statistics.
  const loaded = async (rows: number, changed: number, removed: number, frozen: boolean): Promise<FileOutcome> => {
    const written = changed + removed;
    if (written > 0 && (table!.empty || counted!.rows <= 0 || written > REANALYZE_ABOVE_SHARE * counted!.rows)) {
      await client.query(`ANALYZE ${pg.escapeIdentifier(dataset.table)}`);
    }
    return { ok: true, frozen, report: { dataset: dataset.name, file: file.path, rows, changed, removed, ms: performance.now() - started } };
  };
  if (table!.empty) {
    const onePass = await loadInOnePass(client, dataset, file.path, header.columns, bytesTotal, onProgress);
    if (onePass !== null) return await loaded(onePass.rows, onePass.rows, 0, onePass.frozen);
  }

  // Staged: the file is copied into a table of text, every rule is checked in SQL (each problem found with
  // its line), and then the rows are merged into the table by key.
  await client.query('SAVEPOINT import_file');
  try {
    await client.query(build.createStage(dataset));
    const scanner = new CsvScanner(onProgress);
    const copy = client.query(copyFrom(build.copyIntoStage(header.columns)));
    try {
      await pipeline(createReadStream(file.path, { highWaterMark: 1 << 20 }), scanner, copy);
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT import_file');
      // COPY counts physical lines (a quoted line break included) up to the end of the faulty record.
      const problem = describeCopyError(error as PgError, (line) => scanner.lines.startOfRecordAt(line, scanner.recordsBegun));
      return listShape(file.path, header.columns, problem, problems);
    }
    const rows = copy.rowCount;
    if (rows !== scanner.records - 1) {
      await client.query('ROLLBACK TO SAVEPOINT import_file');
      return fail(`the file could not be read to its end: ${scanner.records - 1} records found, ${rows} read`);
    }
    const lineOfRow = (rn: number) => scanner.lines.lineOf(rn + 1);
    const rejectRows = async (): Promise<FileOutcome> => {
      await collectRowProblems(client, dataset, problems, lineOfRow);
      if (keepGoodRows) {
        await client.query('SAVEPOINT good_rows');
        await client.query(build.mergeGoodRows(dataset))
          .then(() => client.query('RELEASE SAVEPOINT good_rows'))
          .catch(() => client.query('ROLLBACK TO SAVEPOINT good_rows'));
        await client.query(`DROP TABLE ${build.STAGE}`);
        await client.query('RELEASE SAVEPOINT import_file');
      } else {
        await client.query('ROLLBACK TO SAVEPOINT import_file');
      }
      return { ok: false, problems };
    };

    // Reference lookups as hash joins over the whole file, not one index probe per row.
    await client.query("SELECT set_config('enable_nestloop', 'off', true)");
    const { rows: [check] } = await client.query<{ bad: boolean }>(build.anyBadRow(dataset));
    await client.query("SELECT set_config('enable_nestloop', 'on', true)");
    if (check!.bad) return await rejectRows();
    // Into an empty table, the primary key itself catches a key repeated in the file.
    if (!table!.empty) {
      // Joins against the stored rows follow: give the planner the file's real size and spread.
      if (rows > ANALYZE_ABOVE_ROWS) await client.query(`ANALYZE ${build.STAGE}`);
      const { rows: [dup] } = await client.query<{ duplicated: boolean }>(build.anyDuplicateKey(dataset));
      if (dup!.duplicated) return await rejectRows();
    }

    let removed = 0;
    let changed = 0;
    let frozen = false;
    await client.query('SAVEPOINT merge');
    try {
      if (options.replace) removed = await removeAbsentRows(client, dataset);
      const skipTriggers = dataset.kind === 'record' && await skipReferenceTriggers(client, dataset);
      // A large file into an empty table: build its indexes once at the end rather than row by row.
      const deferred = table!.empty && rows > DEFER_INDEXES_ABOVE_ROWS ? await dropIndexesForBulkLoad(client, dataset) : null;
      if (table!.empty && build.canCopyIntoTable(dataset)) {
        // The file is valid: read it again, straight into the table. Its digest must match the one
        // checked, or the file changed in between.
        const again = new CsvScanner();
        const copy = client.query(copyFrom(build.copyIntoTable(dataset, header.columns, { freeze: deferred !== null })));
        await pipeline(createReadStream(file.path, { highWaterMark: 1 << 20 }), again, copy);
        if (again.digest() !== scanner.digest()) throw new FileChanged();
        changed = copy.rowCount;
        frozen = deferred !== null;
      } else if (table!.empty) {
        changed = (await client.query(build.insertAll(dataset))).rowCount ?? 0;
      } else {
        await client.query(build.collectChanges(dataset));
        changed = (await client.query(build.updateChanged(dataset))).rowCount ?? 0;
        const { rows: key } = await client.query<{ name: string }>(build.primaryKeyOrder(), [pg.escapeIdentifier(dataset.table)]);
        changed += (await client.query(build.insertNew(dataset, key.length > 0 ? key.map((c) => c.name) : undefined))).rowCount ?? 0;
        await client.query(`DROP TABLE ${build.CHANGES}`);
      }
      // A key repeated in the file fails here with a unique violation, reported like any other.
      if (deferred) await recreateIndexes(client, deferred);
      if (skipTriggers) await client.query("SET LOCAL session_replication_role = 'origin'");
      await client.query('RELEASE SAVEPOINT merge');
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT merge');
      if ((error as PgError).code === '23505') return await rejectRows();
      if (error instanceof FileChanged) {
        await client.query('ROLLBACK TO SAVEPOINT import_file');
        return fail('the file changed while it was being imported: import it again once it is complete');
      }
      await client.query('ROLLBACK TO SAVEPOINT import_file');
      const problem = describeDatabaseError(error as PgError, options.replace ?? false);
      return fail(problem.rule, problem.column, problem.value);
    }
    await client.query(`DROP TABLE ${build.STAGE}`);
    await client.query('RELEASE SAVEPOINT import_file');
    return await loaded(rows, changed, removed, frozen);
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT import_file').catch(() => {});
    throw error;
  }
}

/**
 * Loads a file into its empty table in a single read: COPY straight into the table while every record is
 * checked in the stream (stream-check.ts), indexes rebuilt once at the end for a large file. Returns the
 * rows loaded, or null when anything objects (a record breaking a rule, COPY itself, a repeated key):
 * then nothing of it is left, and the caller stages the file and lists every problem.
 */
async function loadInOnePass(
  client: pg.PoolClient, dataset: Dataset, filePath: string, columns: readonly string[], bytesTotal: number,
  onProgress: (progress: { bytesRead: number; records: number }) => void,
): Promise<{ rows: number; frozen: boolean } | null> {
  await client.query('SAVEPOINT one_pass');
  try {
    const check = compileRowCheck(dataset, columns, await readReferences(client, dataset));
    // Months (YYYY-MM) go into date columns as the first day of the month.
    const monthFields = monthFieldIndexes(dataset, columns);
    // References are checked in the stream against codes read in this transaction and locked.
    const skipTriggers = dataset.kind === 'record' && await skipReferenceTriggers(client, dataset);
    const deferred = bytesTotal > DEFER_INDEXES_ABOVE_BYTES ? await dropIndexesForBulkLoad(client, dataset) : null;
    const scanner = new CsvScanner(onProgress);
    const checker = new RecordChecker(check, columns.length, monthFields);
    const copy = client.query(copyFrom(build.copyIntoTable(dataset, columns, { freeze: deferred !== null })));
    await pipeline(createReadStream(filePath, { highWaterMark: 1 << 20 }), scanner, checker, copy);
    if (copy.rowCount !== checker.records) throw new Error('COPY and the check counted different records');
    // A key repeated in the file fails here with a unique violation.
    if (deferred) await recreateIndexes(client, deferred);
    if (skipTriggers) await client.query("SET LOCAL session_replication_role = 'origin'");
    await client.query('RELEASE SAVEPOINT one_pass');
    return { rows: copy.rowCount, frozen: deferred !== null };
  } catch {
    // Whatever the reason, the staged path finds it again and says where.
    await client.query('ROLLBACK TO SAVEPOINT one_pass');
    return null;
  }
}

/** The codes each of the dataset's references may take. */
async function readReferences(client: pg.PoolClient, dataset: Dataset): Promise<ReferenceSets> {
  const sets = new Map<NonNullable<Dataset['columns'][number]['references']>, Set<string>>();
  for (const column of dataset.columns) {
    const reference = column.references;
    if (!reference || reference === 'indicators' || sets.has(reference)) continue;
    const { rows } = await client.query<[string]>({ text: build.referenceCodes(reference), rowMode: 'array' });
    sets.set(reference, new Set(rows.map((row) => row[0])));
  }
  return sets;
}

/**
 * The rows' references were checked above, in this transaction: the per-row foreign-key triggers can be
 * skipped for the merge (as pg_restore does) when the database user may do so. The referenced tables
 * are locked against other writers until the import commits, so the check stays true.
 */
async function skipReferenceTriggers(client: pg.PoolClient, dataset: Dataset): Promise<boolean> {
  return skipPerRowTriggers(client, referencedTables(dataset));
}

/**
 * Drops the indexes (the primary key among them) of a table no foreign key points at, returning the
 * statements that rebuild them; null when the table is referenced (its key must stay) or has none.
 * Inside the import's transaction, so a failure restores them with everything else.
 */
async function dropIndexesForBulkLoad(client: pg.PoolClient, dataset: Dataset): Promise<string[] | null> {
  // Reference data is read by the API: never emptied or rebuilt under a request (TRUNCATE and a key's
  // rebuild lock out readers until the commit). It is small anyway.
  if (dataset.kind !== 'record') return null;
  const table = pg.escapeIdentifier(dataset.table);
  const { rows: [referenced] } = await client.query<{ any: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM pg_constraint WHERE contype = 'f' AND confrelid = $1::regclass) AS any`, [table]);
  if (referenced!.any) return null;
  // Only the table's owner may drop and rebuild its key; any other user loads with the indexes in place.
  const { rows: [owner] } = await client.query<{ owns: boolean }>(
    `SELECT pg_has_role(relowner, 'USAGE') AS owns FROM pg_class WHERE oid = $1::regclass`, [table]);
  if (!owner!.owns) return null;
  // The table is empty: a new file for it lets PostgreSQL skip the write-ahead log where wal_level allows.
  await client.query(`TRUNCATE ${table}`);
  const { rows } = await client.query<{ name: string; definition: string; is_constraint: boolean }>(build.keysAndIndexes(), [table]);
  const rebuild: string[] = [];
  for (const { name, definition, is_constraint: isConstraint } of rows) {
    await client.query(isConstraint ? `ALTER TABLE ${table} DROP CONSTRAINT ${name}` : `DROP INDEX ${name}`);
    rebuild.push(isConstraint ? `ALTER TABLE ${table} ADD CONSTRAINT ${name} ${definition}` : definition);
  }
  return rebuild;
}

async function recreateIndexes(client: pg.PoolClient, statements: readonly string[]): Promise<void> {
  // Sort the keys in memory (for this transaction only): a scale-10 key is about a gigabyte.
  await client.query(`SELECT set_config('maintenance_work_mem', '1GB', true)`);
  for (const statement of statements) await client.query(statement);
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

async function collectRowProblems(client: pg.PoolClient, dataset: Dataset, problems: FileProblems, lineOfRow: (rn: number) => number): Promise<void> {
  type Found = { rn: number; column: string | null; value: string | null; rule: string };
  const { rows: rowFound } = await client.query<{ rn: number; col: string; val: string | null; rule: string; total: number }>(
    build.rowProblems(dataset, PROBLEM_LIMIT));
  const { rows: dupFound } = await client.query<{ rn: number; first_rn: number; val: string; total: number }>(
    build.duplicateKeys(dataset, PROBLEM_LIMIT));
  const keyNames = dataset.columns.filter((c) => c.key).map((c) => c.name).join(',');
  const found: Found[] = [
    ...rowFound.map((r) => ({ rn: Number(r.rn), column: r.col, value: r.val, rule: r.rule })),
    ...dupFound.map((r) => ({
      rn: Number(r.rn), column: keyNames, value: r.val,
      rule: `duplicate key: line ${lineOfRow(Number(r.first_rn))} has the same ${keyNames}`,
    })),
  ].sort((a, b) => a.rn - b.rn);
  const total = Number(rowFound[0]?.total ?? 0) + Number(dupFound[0]?.total ?? 0);
  for (const f of found.slice(0, PROBLEM_LIMIT)) problems.add(lineOfRow(f.rn), f.column, f.value, f.rule);
  // The rest are counted, not listed.
  problems.count += total - Math.min(found.length, PROBLEM_LIMIT);
}

/**
 * COPY stops at the first record of the wrong shape: every other one is found by reading the file again
 * (csv.ts), and listed with it in line order. COPY's own problem stays first on its line, and is the only
 * one when it is of a kind the reading does not look for (line endings, say).
 */
async function listShape(
  filePath: string, columns: readonly string[], copyProblem: { line: number | null; column: string | null; rule: string }, problems: FileProblems,
): Promise<FileOutcome> {
  const shape = await listShapeProblems(filePath, columns, PROBLEM_LIMIT);
  const found = shape.problems.filter((p) => p.line !== copyProblem.line);
  const all = [copyProblem, ...found].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  for (const p of all) problems.add(p.line, p.column, null, p.rule);
  // Those beyond the limit are counted, not listed.
  problems.count += shape.count - shape.problems.length;
  return { ok: false, problems };
}

/** A COPY failure (the file's shape, not its values) as a problem with its physical line. */
function describeCopyError(error: PgError, recordStart: (line: number) => number): { line: number | null; column: string | null; rule: string } {
  const copyLine = /line (\d+)/.exec(error.where ?? '')?.[1];
  const column = /column "?(\w+)/.exec(error.where ?? '')?.[1] ?? /column "(\w+)"/.exec(error.message ?? '')?.[1] ?? null;
  const line = copyLine ? recordStart(Number(copyLine)) : null;
  const message = error.message ?? String(error);
  if (!error.code) return { line, column, rule: `the file could not be read: ${message}` };
  if (error.code === '22021') return { line, column, rule: 'the file is not valid UTF-8 here' };
  if (/extra data after last expected column/.test(message)) return { line, column: null, rule: 'the line has more fields than the header' };
  if (/missing data for column/.test(message)) return { line, column, rule: 'the line has fewer fields than the header' };
  if (/unterminated CSV quoted field/.test(message)) return { line, column, rule: 'a quoted field is not closed (missing ")' };
  if (/carriage return|newline/.test(message)) return { line, column, rule: `${message}: use the same line ending throughout and quote fields that contain line breaks` };
  return { line, column, rule: message };
}

/** The table a broken foreign key points at, from the referring table and column the error names. */
function referencedTableOf(error: PgError): string | null {
  const column = /Key \(([^)]*)\)=/.exec(error.detail ?? '')?.[1];
  const reference = DATASETS.find((d) => d.table === error.table)?.columns.find((c) => c.name === column)?.references;
  return reference ? referencedTable(reference) : null;
}

/** A rule the database enforces but the checks above did not catch, in the same problem format. */
function describeDatabaseError(error: PgError, replace: boolean): { column: string | null; value: string | null; rule: string } {
  if (!error.code) throw error;
  const key = /Key \(([^)]*)\)=\((.*)\)/.exec(error.detail ?? '');
  const column = key?.[1] ?? error.column ?? null;
  const value = key?.[2] ?? null;
  const stillReferenced = /is still referenced from table "([^"]+)"/.exec(error.detail ?? '');
  if (stillReferenced) {
    return {
      column, value,
      rule: `${replace ? 'the full extract (replace) would remove' : 'cannot change'} a row that ${stillReferenced[1]} still refers to`,
    };
  }
  return { column, value, rule: `the database refused the rows: ${error.message}${error.detail ? ` (${error.detail})` : ''}` };
}
