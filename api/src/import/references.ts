// A batch is judged by the state it leaves (datasets.md, "batch"): a full extract may remove codes that
// stored rows still refer to, when the same batch replaces those rows too (a monthly extract whose
// identifiers all changed). The references pointing at a table are deferred while its absent rows are
// removed, the removed keys are kept, and once every file is in, one set-based query per table finds the
// rows still referring to a removed key. The rows of the batch's own files need no such check: each file is
// checked against the data it refers to, loaded earlier in the batch (reference data first).
import pg from 'pg';
import { DATASETS, type Dataset } from './datasets.js';
import { PROBLEM_LIMIT, type ImportProblem } from './problems.js';
import { referenceCodesSql, referencedTable } from './reference-data.js';
import * as build from './sql.js';

/** A foreign key pointing at a table, as the database defines it. */
interface IncomingReference {
  /** Schema-qualified and quoted, for SET CONSTRAINTS. */
  constraint: string;
  /** The referencing table's name (a dataset's) and its quoted, qualified form. */
  table: string;
  qualifiedTable: string;
  /** Pairs of columns: the referencing table's and the referenced table's. */
  columns: string[];
  referencedColumns: string[];
}

/** Rows a file, a full extract, removed from its table: what the check at the end of the batch looks at. */
export interface Removal { table: string; file: string; removed: number }

const id = (name: string) => pg.escapeIdentifier(name);

/** The temporary table that keeps the referenced keys of the rows a full extract removed from `table`. */
const removedKeysName = (table: string) => id(`import_removed_${table}`);
const removedKeysTable = (table: string) => `pg_temp.${removedKeysName(table)}`;

async function incomingReferences(client: pg.PoolClient, table: string): Promise<IncomingReference[]> {
  const { rows } = await client.query<IncomingReference>(`
    SELECT quote_ident(n.nspname) || '.' || quote_ident(c.conname) AS constraint,
           r.relname AS table, c.conrelid::regclass::text AS "qualifiedTable",
           array(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY k(attnum, i)
                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.i) AS columns,
           array(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY k(attnum, i)
                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.i) AS "referencedColumns"
    FROM pg_constraint c JOIN pg_namespace n ON n.oid = c.connamespace JOIN pg_class r ON r.oid = c.conrelid
    WHERE c.contype = 'f' AND c.confrelid = $1::regclass
    ORDER BY r.relname, c.conname`, [id(table)]);
  return rows;
}

/**
 * Deletes the stored rows whose key is not in the staged file (a full extract) and returns how many. When
 * other tables refer to this one, their references are deferred to the end of the batch (the batch may
 * replace the referring rows too), the per-row reference triggers are skipped where the database user may
 * (a check per removed row, by a scan of each referring table that has no index on the column, would cost
 * far more than the one set-based check at the end), and the removed keys are kept for that check.
 */
export async function removeAbsentRows(client: pg.PoolClient, dataset: Dataset): Promise<number> {
  const incoming = await incomingReferences(client, dataset.table);
  if (incoming.length === 0) return (await client.query(build.deleteAbsentRows(dataset))).rowCount ?? 0;

  await client.query(`SET CONSTRAINTS ${[...new Set(incoming.map((r) => r.constraint))].join(', ')} DEFERRED`);
  const keys = [...new Set(incoming.flatMap((r) => r.referencedColumns))].map(id).join(', ');
  const removed = removedKeysTable(dataset.table);
  await client.query(`CREATE TEMP TABLE IF NOT EXISTS ${removedKeysName(dataset.table)} ON COMMIT DROP AS
    SELECT ${keys} FROM ${id(dataset.table)} WITH NO DATA`);
  // The referring tables are kept from other writers until the commit, so the check at the end stays true.
  const skipTriggers = await skipPerRowTriggers(client, [...new Set(incoming.map((r) => r.qualifiedTable))]);
  const { rowCount } = await client.query(
    `WITH removed AS (${build.deleteAbsentRows(dataset)} RETURNING ${keys}) INSERT INTO ${removed} SELECT ${keys} FROM removed`);
  if (skipTriggers) await client.query("SET LOCAL session_replication_role = 'origin'");
  if (rowCount) await client.query(`ANALYZE ${removed}`);
  return rowCount ?? 0;
}

/**
 * Skips the per-row foreign-key triggers until the caller sets `session_replication_role` back to 'origin'
 * (as pg_restore does), when the database user may: true if so. The tables given are locked against other
 * writers until the commit first. A user without that right (not a superuser) keeps the triggers.
 */
export async function skipPerRowTriggers(client: pg.PoolClient, lockTables: readonly string[]): Promise<boolean> {
  if (lockTables.length > 0) await client.query(`LOCK TABLE ${lockTables.join(', ')} IN SHARE MODE`);
  await client.query('SAVEPOINT replication_role');
  try {
    await client.query("SET LOCAL session_replication_role = 'replica'");
    await client.query('RELEASE SAVEPOINT replication_role');
    return true;
  } catch {
    await client.query('ROLLBACK TO SAVEPOINT replication_role');
    return false;
  }
}

/**
 * The rows left referring to a key that a full extract of the batch removed: one problem per removed key,
 * on the file that removed it (column and value the key), naming each dataset that still refers to it and
 * how many of its rows do. The first PROBLEM_LIMIT keys of each file are listed, the rest counted.
 */
export async function findDanglingReferences(
  client: pg.PoolClient, removals: readonly Removal[],
): Promise<{ problems: ImportProblem[]; count: number }> {
  const problems: ImportProblem[] = [];
  let count = 0;
  for (const removal of removals) {
    if (removal.removed === 0) continue;
    const { rows: [kept] } = await client.query<{ exists: boolean }>(
      'SELECT to_regclass($1) IS NOT NULL AS exists', [removedKeysTable(removal.table)]);
    if (!kept!.exists) continue;
    const incoming = await incomingReferences(client, removal.table);
    // Grouped by the removed key and the column it is in (a table could be referred to by different keys).
    const perReference = incoming.map((reference, index) => {
      const key = reference.referencedColumns.map((c) => `d.${id(c)}`);
      const match = reference.columns.map((c, i) => `r.${id(c)} = d.${id(reference.referencedColumns[i]!)}`).join(' AND ');
      const stillThere = reference.referencedColumns.map((c) => `t.${id(c)} = d.${id(c)}`).join(' AND ');
      return `SELECT ${pg.escapeLiteral(reference.referencedColumns.join(','))} AS col, concat_ws(',', ${key.join(', ')}) AS val,
          ${index} AS ord, ${pg.escapeLiteral(reference.table)} AS dataset, count(*) AS n
        FROM (SELECT DISTINCT * FROM ${removedKeysTable(removal.table)}) d JOIN ${reference.qualifiedTable} r ON ${match}
        WHERE NOT EXISTS (SELECT 1 FROM ${id(removal.table)} t WHERE ${stillThere})
        GROUP BY ${key.join(', ')}`;
    });
    if (perReference.length === 0) continue;
    // Hash joins: each referring table read once, never once per removed key (most of them have no index on
    // the column, and the removed keys are easily misjudged as few).
    await client.query("SELECT set_config('enable_nestloop', 'off', true)");
    const { rows } = await client.query<{ col: string; val: string; datasets: string[]; counts: number[]; total: number }>(`
      SELECT col, val, array_agg(dataset ORDER BY ord) AS datasets, array_agg(n ORDER BY ord) AS counts, count(*) OVER () AS total
      FROM (${perReference.join('\nUNION ALL\n')}) x
      GROUP BY col, val ORDER BY col, val LIMIT ${PROBLEM_LIMIT}`);
    await client.query("SELECT set_config('enable_nestloop', 'on', true)");
    for (const row of rows) {
      problems.push({ file: removal.file, line: null, column: row.col, value: row.val, rule: stillReferredTo(row.datasets, row.counts.map(Number)) });
    }
    count += Number(rows[0]?.total ?? 0);
  }
  return { problems, count };
}

function stillReferredTo(datasets: readonly string[], counts: readonly number[]): string {
  const named = datasets.map((dataset, i) => `${dataset} (${counts[i]!.toLocaleString('en-GB')} row${counts[i] === 1 ? '' : 's'})`);
  const list = named.length === 1 ? named[0]! : `each of ${named.slice(0, -1).join(', ')} and ${named.at(-1)!}`;
  const those = datasets.length === 1 ? `the full extract of ${datasets[0]}` : 'the full extracts of those datasets';
  return `the full extract (replace) would remove a row that ${list} still refers to: load ${those} in the same batch, or keep the row`;
}

/**
 * The first stored row whose reference (as datasets.ts declares it, its codes as the reference registry
 * reads them) points at no code, among the references into `tables`: what a constraint check found broken,
 * said with the referring dataset, the column, the value and the table it points into.
 */
export async function findBrokenReference(
  client: pg.ClientBase, tables: readonly string[],
): Promise<{ dataset: string; column: string; value: string; pointsAt: string } | null> {
  for (const dataset of DATASETS) {
    for (const column of dataset.columns) {
      if (!column.references || !tables.includes(referencedTable(column.references))) continue;
      const v = `t.${id(column.name)}::text`;
      const { rows: [found] } = await client.query<{ value: string }>(`
        SELECT ${v} AS value FROM ${id(dataset.table)} t
        WHERE ${v} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM (${referenceCodesSql(column.references)}) c WHERE c.code = ${v})
        LIMIT 1`);
      if (found) return { dataset: dataset.name, column: column.name, value: found.value, pointsAt: referencedTable(column.references) };
    }
  }
  return null;
}
