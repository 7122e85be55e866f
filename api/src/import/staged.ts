// A file staged, checked and merged: COPY into a table of text, every rule checked in SQL (each problem
// found with its line), then the rows merged into the table by key.
import { createReadStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DEFER_INDEXES_ABOVE_ROWS, dropIndexesForBulkLoad, recreateIndexes } from './bulk-indexes.js';
import { CsvScanner, listShapeProblems } from './csv.js';
import { keyColumns, type Dataset } from './datasets.js';
import { skipReferenceTriggers, type FileLoad, type FileProblems, type Written } from './file.js';
import { describeDatabaseError, isServerError, isUniqueViolation } from './pg-errors.js';
import { PROBLEM_LIMIT } from './problems.js';
import { removeAbsentRows } from './references.js';
import * as build from './sql.js';

/** Above this many rows the staging table is analysed before it is queried. */
const ANALYZE_ABOVE_ROWS = 10_000;

export type StagedOutcome = { ok: true; written: Written } | { ok: false };

/**
 * Stages, checks and merges the file (under a savepoint: a bad file leaves nothing behind, or, with
 * `keepGoodRows`, only its valid rows, for the files after it in the batch to be checked against).
 */
export async function loadStaged(load: FileLoad, { tableEmpty, keepGoodRows }: { tableEmpty: boolean; keepGoodRows: boolean }): Promise<StagedOutcome> {
  const { client, dataset, path, columns, options, problems } = load;
  await client.query('SAVEPOINT import_file');
  try {
    await client.query(build.createStage(dataset));
    const scanner = new CsvScanner({ onProgress: load.onProgress });
    const copy = client.query(copyFrom(build.copyIntoStage(columns)));
    try {
      await pipeline(createReadStream(path, { highWaterMark: 1 << 20 }), scanner, copy);
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT import_file');
      await listShape(path, columns, error as Error, problems);
      return { ok: false };
    }
    const rows = copy.rowCount;
    if (rows !== scanner.dataRecords) {
      await client.query('ROLLBACK TO SAVEPOINT import_file');
      problems.add(null, null, null, `the file could not be read to its end: ${scanner.dataRecords} records found, ${rows} read`);
      return { ok: false };
    }
    const lineOfRow = (rn: number) => scanner.lines.lineOf(rn + 1);
    const rejectRows = async (): Promise<StagedOutcome> => {
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
      return { ok: false };
    };

    // Reference lookups as hash joins over the whole file, not one index probe per row.
    await client.query("SELECT set_config('enable_nestloop', 'off', true)");
    const { rows: [check] } = await client.query<{ bad: boolean }>(build.anyBadRow(dataset));
    await client.query("SELECT set_config('enable_nestloop', 'on', true)");
    if (check!.bad) return await rejectRows();
    // Into an empty table, the primary key itself catches a key repeated in the file.
    if (!tableEmpty) {
      // Joins against the stored rows follow: give the planner the file's real size and spread.
      if (rows > ANALYZE_ABOVE_ROWS) await client.query(`ANALYZE ${build.STAGE}`);
      const { rows: [dup] } = await client.query<{ duplicated: boolean }>(build.anyDuplicateKey(dataset));
      if (dup!.duplicated) return await rejectRows();
    }

    let written: Written;
    await client.query('SAVEPOINT merge');
    try {
      written = await merge(load, rows, tableEmpty);
      await client.query('RELEASE SAVEPOINT merge');
    } catch (error) {
      await client.query('ROLLBACK TO SAVEPOINT merge');
      // A key repeated in the file, found by the key's index: listed with the other problems.
      if (isUniqueViolation(error)) return await rejectRows();
      if (!isServerError(error)) throw error;
      await client.query('ROLLBACK TO SAVEPOINT import_file');
      const problem = describeDatabaseError(error, dataset.table, options.replace ?? false);
      problems.add(null, problem.column, problem.value, problem.rule);
      return { ok: false };
    }
    await client.query(`DROP TABLE ${build.STAGE}`);
    await client.query('RELEASE SAVEPOINT import_file');
    return { ok: true, written };
  } catch (error) {
    await client.query('ROLLBACK TO SAVEPOINT import_file').catch(() => {});
    throw error;
  }
}

/** The checked rows into the table: all of them into an empty one, else only those new or changed. */
async function merge({ client, dataset, options }: FileLoad, rows: number, tableEmpty: boolean): Promise<Written> {
  const removed = options.replace ? await removeAbsentRows(client, dataset) : 0;
  const skipTriggers = await skipReferenceTriggers(client, dataset);
  let changed: number;
  if (tableEmpty) {
    // A large file into an empty table: its indexes built once at the end rather than row by row.
    const deferred = rows > DEFER_INDEXES_ABOVE_ROWS ? await dropIndexesForBulkLoad(client, dataset) : null;
    changed = (await client.query(build.insertAll(dataset))).rowCount ?? 0;
    // A key repeated in the file fails here with a unique violation.
    if (deferred) await recreateIndexes(client, deferred);
  } else {
    await client.query(build.collectChanges(dataset));
    changed = (await client.query(build.updateChanged(dataset))).rowCount ?? 0;
    const { rows: key } = await client.query<{ name: string }>(build.primaryKeyOrder(), [pg.escapeIdentifier(dataset.table)]);
    changed += (await client.query(build.insertNew(dataset, key.length > 0 ? key.map((c) => c.name) : undefined))).rowCount ?? 0;
    await client.query(`DROP TABLE ${build.CHANGES}`);
  }
  if (skipTriggers) await client.query("SET LOCAL session_replication_role = 'origin'");
  return { rows, changed, removed, frozen: false };
}

async function collectRowProblems(client: pg.PoolClient, dataset: Dataset, problems: FileProblems, lineOfRow: (rn: number) => number): Promise<void> {
  type Found = { rn: number; column: string | null; value: string | null; rule: string };
  const { rows: rowFound } = await client.query<{ rn: number; col: string; val: string | null; rule: string; total: number }>(
    build.rowProblems(dataset, PROBLEM_LIMIT));
  const { rows: dupFound } = await client.query<{ rn: number; first_rn: number; val: string; total: number }>(
    build.duplicateKeys(dataset, PROBLEM_LIMIT));
  const keyNames = keyColumns(dataset).map((c) => c.name).join(',');
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
 * COPY stops at the first record of the wrong shape: every one is found by reading the file again with
 * the tokenizer (csv.ts), in line order. When the reading finds none, COPY objected to something it does
 * not look for, and its message is shown as it is.
 */
async function listShape(filePath: string, columns: readonly string[], copyError: Error, problems: FileProblems): Promise<void> {
  const shape = await listShapeProblems(filePath, columns, PROBLEM_LIMIT);
  if (shape.count === 0) {
    problems.add(null, null, null, `the file could not be read: ${copyError.message}`);
    return;
  }
  for (const p of shape.problems) problems.add(p.line, p.column, null, p.rule);
  // Those beyond the limit are counted, not listed.
  problems.count += shape.count - shape.problems.length;
}
