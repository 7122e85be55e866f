// One row checked against its dataset's rules, exactly as a file's rows are: the same staging table and the
// same set-based SQL (sql.ts), filled with one row rather than a file. For the pages that edit reference
// data a row at a time (the Targets page), so a value the importer refuses is refused there too.
import pg from 'pg';
import { PROBLEM_LIMIT } from './problems.js';
import type { Dataset } from './datasets.js';
import { createStage, rowProblems, STAGE } from './sql.js';

export interface RowProblem {
  /** The dataset's column (e.g. floor_assumed). */
  column: string;
  /** The value as checked, or null when empty. */
  value: string | null;
  rule: string;
}

/**
 * The problems of one row given as the text a file would hold (null: an empty field). Runs inside the
 * caller's transaction (the staging table is dropped at its end); stores nothing.
 */
export async function checkRow(
  client: pg.ClientBase, dataset: Dataset, fields: Readonly<Record<string, string | null>>,
): Promise<RowProblem[]> {
  await client.query(`DROP TABLE IF EXISTS ${STAGE}`);
  await client.query(createStage(dataset));
  const names = dataset.columns.map((c) => c.name);
  await client.query(
    `INSERT INTO ${STAGE} (${names.map((n) => pg.escapeIdentifier(n)).join(', ')}) VALUES (${names.map((_, i) => `$${i + 1}`).join(', ')})`,
    names.map((name) => fields[name] ?? null),
  );
  const { rows } = await client.query<{ col: string; val: string | null; rule: string }>(rowProblems(dataset, PROBLEM_LIMIT));
  await client.query(`DROP TABLE ${STAGE}`);
  return rows.map((r) => ({ column: r.col, value: r.val, rule: r.rule }));
}
