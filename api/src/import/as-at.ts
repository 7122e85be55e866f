// As-at dates (../shared/spec/datasets.md): the date a batch's extracts were taken. Given on import
// (`--as-at`, or a file as-at.txt in the folder), or else the latest event date of the batch's datasets. A
// record dated after it is an error; an import without an explicit as-at never moves a dataset's as-at
// backwards. The dates are settled inside the refresh, once each dataset's event span is known
// (results/coverage.ts), and the import's transaction commits them with everything else.
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import type { RecordDataset } from '../indicators/catalog.js';
import { EVENT_DATES, eventDateSql, MONTH_DATED_DATASETS } from '../results/coverage.js';
import { CsvScanner, readHeader } from './csv.js';
import { findDataset, keyColumns } from './datasets.js';
import { PROBLEM_LIMIT, type ImportProblem } from './problems.js';
import { copyInto } from './sql.js';

/** The name of the file in a folder that holds its as-at date. */
export const AS_AT_FILE = 'as-at.txt';

/** An as-at date and where it came from (the `--as-at` option or an as-at.txt), for problems. */
export interface AsAt { date: string; source: string; line: number | null }

/** Today's date on this machine's calendar, as YYYY-MM-DD. */
function today(): string {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

/**
 * Checks an as-at date: YYYY-MM-DD, a real calendar date, not after today. Returns the problem (naming the
 * source, line and value), or null.
 */
export function asAtProblem(asAt: AsAt): ImportProblem | null {
  const problem = (rule: string): ImportProblem => ({ file: asAt.source, line: asAt.line, column: null, value: asAt.date, rule });
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(asAt.date);
  if (!match) return problem('the as-at date must be a date as YYYY-MM-DD');
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (year < 1 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return problem('the as-at date must be a date that exists on the calendar');
  }
  if (asAt.date > today()) return problem(`the as-at date is in the future (today is ${today()}): it is the date the extract was taken`);
  return null;
}

/**
 * The as-at date of a folder's as-at.txt: one line holding YYYY-MM-DD (a byte-order mark, the line end and
 * spaces around the date are allowed). A problem when the file says anything else.
 */
export async function readAsAtFile(filePath: string): Promise<{ ok: true; asAt: AsAt } | { ok: false; problem: ImportProblem }> {
  let text: string;
  try {
    text = await readFile(filePath, 'utf8');
  } catch {
    return { ok: false, problem: { file: filePath, line: null, column: null, value: null, rule: 'file not readable' } };
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  while (lines.length > 1 && lines.at(-1)!.trim() === '') lines.pop();
  if (lines.length > 1) {
    return { ok: false, problem: { file: filePath, line: 2, column: null, value: lines[1]!.trim(), rule: 'an as-at file holds one line: the date the extract was taken, as YYYY-MM-DD' } };
  }
  const asAt: AsAt = { date: lines[0]!.trim(), source: filePath, line: 1 };
  const problem = asAtProblem(asAt);
  return problem ? { ok: false, problem } : { ok: true, asAt };
}

/** Problems found when settling the as-at dates: the batch is rolled back. */
export class AsAtProblems extends Error {
  constructor(readonly problems: ImportProblem[], readonly count: number) {
    super('records dated after the as-at date');
  }
}

export interface AsAtBatch {
  /** The batch's files (their datasets are the ones whose as-at and last import are set). */
  files: readonly { dataset: string; path: string }[];
  /** The explicit as-at date, or null: the latest event date of the batch's datasets, never backwards. */
  asAt: AsAt | null;
  importedBy: string | null;
}

/**
 * Sets the as-at date and last import of the batch's datasets (in dataset_coverage, whose event spans the
 * refresh has just brought up to date). With an explicit date, every record dated after it is a problem,
 * listed by file and line (or, for a record stored earlier and not in the batch's files, by its key), and
 * AsAtProblems is thrown.
 */
export async function settleAsAt(client: pg.ClientBase, batch: AsAtBatch): Promise<void> {
  const datasets = [...new Set(batch.files.map((f) => f.dataset))];
  await client.query(
    'UPDATE dataset_coverage SET last_imported_at = now(), last_imported_by = $2 WHERE dataset = ANY($1::text[])',
    [datasets, batch.importedBy]);
  const records = datasets.filter((name) => findDataset(name)?.kind === 'record');
  if (records.length === 0) return;

  if (batch.asAt === null) {
    // The latest event stands for the as-at date, which cannot be in the future: a record dated after today
    // (a mistyped year, say) would otherwise stretch the months served to it.
    const now: AsAt = { date: today(), source: 'today', line: null };
    await refuseRecordsAfter(client, records, batch.files, now,
      `dated in the future (today is ${now.date}): an extract cannot hold a record from after it was taken`);
    // The latest event of the batch's datasets, a month (or term) counting as its last day but never after
    // today; an earlier as-at stays (a late correction file does not shorten coverage). Rows stored before
    // are dated on or before their dataset's as-at already.
    await client.query(`
      UPDATE dataset_coverage c SET as_at = greatest(c.as_at, latest.day)
      FROM (SELECT least(max(CASE WHEN dataset = ANY($2::text[])
                                  THEN (date_trunc('month', last_event) + interval '1 month - 1 day')::date
                                  ELSE last_event END), $3::date) AS day
            FROM dataset_coverage WHERE dataset = ANY($1::text[])) latest
      WHERE c.dataset = ANY($1::text[]) AND latest.day IS NOT NULL`, [records, MONTH_DATED_DATASETS, now.date]);
    return;
  }

  const asAt = batch.asAt;
  await refuseRecordsAfter(client, records, batch.files, asAt,
    `dated after the as-at date ${asAt.date}: the extract cannot hold a record from after it was taken`);
  await client.query('UPDATE dataset_coverage SET as_at = $2::date WHERE dataset = ANY($1::text[])', [records, asAt.date]);
}

/** Throws AsAtProblems listing the records of `datasets` dated after `limit` (none: returns). */
async function refuseRecordsAfter(
  client: pg.ClientBase, datasets: readonly string[], files: AsAtBatch['files'], limit: AsAt, rule: string,
): Promise<void> {
  const { rows: late } = await client.query<{ dataset: RecordDataset }>(
    'SELECT dataset FROM dataset_coverage WHERE dataset = ANY($1::text[]) AND last_event > $2::date ORDER BY dataset',
    [datasets, limit.date]);
  if (late.length === 0) return;
  const problems: ImportProblem[] = [];
  let count = 0;
  for (const { dataset } of late) {
    const found = await recordsAfter(client, dataset, files.filter((f) => f.dataset === dataset).map((f) => f.path), limit, rule);
    count += found.count;
    problems.push(...found.problems.slice(0, Math.max(PROBLEM_LIMIT - problems.length, 0)));
  }
  throw new AsAtProblems(problems, count);
}

/**
 * The records of a dataset dated after the as-at date: those in the batch's files by line (the file is read
 * again into a scratch table, as the staged import does), then any stored earlier and not in the files, by
 * key. Only runs when there is something to report.
 */
async function recordsAfter(
  client: pg.ClientBase, dataset: RecordDataset, paths: readonly string[], asAt: AsAt, dated: string,
): Promise<{ problems: ImportProblem[]; count: number }> {
  const model = findDataset(dataset)!;
  const columns = EVENT_DATES[dataset];
  const rule = (column: string) => column === 'term'
    ? `${dated.split(':')[0]} (a term is dated by the first day of the month it counts from: autumn 1 January, spring 1 March, summer 1 July)`
    : dated;
  const keys = keyColumns(model).map((c) => `"${c.name}"`);
  const problems: ImportProblem[] = [];
  let count = 0;
  const quoted = model.columns.map((c) => `"${c.name}" text`).join(', ');
  await client.query(`CREATE TEMP TABLE as_at_stage (${quoted}) ON COMMIT DROP`);
  try {
    for (const filePath of paths) {
      const header = await readHeader(filePath);
      if (!header.ok) continue;
      // Rows of earlier files of the same dataset stay (for the stored records' check below).
      const { rows: [before] } = await client.query<{ n: string }>('SELECT count(*) AS n FROM pg_temp.as_at_stage');
      const offset = Number(before!.n);
      const scanner = new CsvScanner();
      await pipeline(createReadStream(filePath, { highWaterMark: 1 << 20 }), scanner,
        client.query(copyFrom(copyInto('pg_temp.as_at_stage', header.columns))));
      const { rows } = await client.query<{ rn: string; col: string; val: string; total: string }>(`
        SELECT s.rn, e.col, e.val, count(*) OVER () AS total
        FROM (SELECT row_number() OVER (ORDER BY ctid) - $2 AS rn, * FROM pg_temp.as_at_stage) s
        CROSS JOIN LATERAL (
          SELECT col, val FROM (VALUES ${columns.map((c, i) => `(${i}, '${c}', "${c}", ${eventDateSql(dataset, c, 'text')})`).join(', ')}) AS v(ord, col, val, day)
          WHERE day > $1::date ORDER BY ord LIMIT 1
        ) e
        WHERE s.rn > 0
        ORDER BY s.rn LIMIT ${PROBLEM_LIMIT}`, [asAt.date, offset]);
      count += Number(rows[0]?.total ?? 0);
      for (const r of rows) {
        problems.push({ file: filePath, line: scanner.lines.lineOf(Number(r.rn) + 1), column: r.col, value: r.val, rule: rule(r.col) });
      }
    }
    // Records stored by an earlier import, not in this batch's files.
    const dates = columns.map((c) => eventDateSql(dataset, c, 'typed'));
    const sameKey = keyColumns(model).map((c) => c.type === 'month'
      ? `(s."${c.name}" || '-01')::date = t."${c.name}"` : `s."${c.name}" = t."${c.name}"::text`).join(' AND ');
    const { rows: stored } = await client.query<{ key: string; total: string }>(`
      SELECT concat_ws(',', ${keys.map((k) => `t.${k}`).join(', ')}) AS key, count(*) OVER () AS total
      FROM ${model.table} t
      WHERE greatest(${dates.join(', ')}) > $1::date
        AND NOT EXISTS (SELECT 1 FROM pg_temp.as_at_stage s WHERE ${sameKey})
      ORDER BY 1 LIMIT ${PROBLEM_LIMIT}`, [asAt.date]);
    count += Number(stored[0]?.total ?? 0);
    for (const r of stored) {
      problems.push({
        file: model.name, line: null, column: model.columns.filter((c) => c.key).map((c) => c.name).join(','), value: r.key,
        rule: `a record already loaded is ${dated.split(':')[0]}: load the full extract (--replace)${asAt.source === 'today' ? '' : ' or give a later as-at date'}`,
      });
    }
  } finally {
    // After a failure the transaction is aborted and this fails too: the first error is the one to report.
    await client.query('DROP TABLE IF EXISTS pg_temp.as_at_stage').catch(() => {});
  }
  return { problems, count };
}
