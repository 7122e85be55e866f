// The SQL the importer runs, built from a dataset's definition. Rows are COPYed as text into a staging
// table; the rules of the dataset (rules.ts) are compiled into set-based checks over that table (one scan
// on the way in), and the merge casts the text into the real table. Column names come from datasets.ts,
// never from a file.
import pg from 'pg';
import { keyColumns, type Column, type Dataset, type RowRule } from './datasets.js';
import { referenceCodesSql } from './reference-data.js';
import { columnRuleMessage, datasetRules, rowRuleCases, unknownRule, type ColumnRule, type Message, type RowRuleCase } from './rules.js';

export const STAGE = 'pg_temp.import_stage';

const id = (name: string) => pg.escapeIdentifier(name);
const literal = (text: string) => pg.escapeLiteral(text);
const raw = (column: string) => `s.${id(column)}`;

/**
 * True when the (non-null) text of the column is well formed for its type. Written with translate()
 * and substr() rather than regular expressions where the column may be large: several times faster.
 */
function wellFormed(column: Column): string {
  const v = raw(column.name);
  const digits = `translate(${v}, '0123456789', '0000000000')`;
  switch (column.type) {
    case 'text':
      return 'true';
    case 'id':
      return `char_length(${v}) <= 64`;
    case 'geo_code':
      return column.references ? 'true' : `(${v} ~ '^[A-Z][A-Z0-9_]*$' AND ${v} <> 'KENT')`;
    case 'date':
      // A real calendar date: the day checked against the month's length (leap years included).
      return `(CASE WHEN ${digits} = '0000-00-00' AND left(${v}, 4) <> '0000'
          AND substr(${v}, 6, 2) COLLATE "C" BETWEEN '01' AND '12' AND substr(${v}, 9, 2) COLLATE "C" >= '01'
        THEN substr(${v}, 9, 2) COLLATE "C" <= '28' OR substr(${v}, 9, 2)::int <= CASE substr(${v}, 6, 2)
          WHEN '02' THEN CASE WHEN left(${v}, 4)::int % 4 = 0 AND (left(${v}, 4)::int % 100 <> 0 OR left(${v}, 4)::int % 400 = 0)
            THEN 29 ELSE 28 END
          WHEN '04' THEN 30 WHEN '06' THEN 30 WHEN '09' THEN 30 WHEN '11' THEN 30 ELSE 31 END
        ELSE false END)`;
    case 'month':
      return `(${digits} = '0000-00' AND left(${v}, 4) <> '0000' AND substr(${v}, 6, 2) COLLATE "C" BETWEEN '01' AND '12')`;
    case 'boolean':
      return `${v} IN ('true', 'false')`;
    case 'integer':
      return `(CASE WHEN translate(${v}, '0123456789', '') = '' THEN char_length(${v}) <= 9 ELSE ${v} ~ '^-[0-9]{1,9}$' END)`;
    case 'number':
    case 'decimal':
      return `${v} ~ '^-?[0-9]{1,15}(\\.[0-9]{1,15})?$'`;
  }
}

/** The text cast to the column's type (valid only once wellFormed holds). */
export function typed(column: Column, source = raw(column.name)): string {
  switch (column.type) {
    case 'date': return `${source}::date`;
    case 'month': return `(${source} || '-01')::date`;
    case 'boolean': return `${source}::boolean`;
    case 'integer': return `${source}::integer`;
    case 'number': return `${source}::float8`;
    case 'decimal': return `${source}::numeric`;
    default: return source;
  }
}

/** A key column's value in a form where equal keys are equal text (integers normalised). */
function canonical(column: Column): string {
  return column.type === 'integer' ? `${raw(column.name)}::integer` : raw(column.name);
}

function referenceAlias(column: Column): string {
  return id(`ref_${column.name}`);
}

/** The LEFT JOINs that look each referenced code up (hash joins over the whole staging table). */
function referenceJoins(dataset: Dataset): string {
  return dataset.columns.filter((c) => c.references).map((column) => {
    const alias = referenceAlias(column);
    return `LEFT JOIN (${referenceCodesSql(column.references!)}) ${alias} ON ${alias}.code = ${raw(column.name)}`;
  }).join('\n');
}

/** A message as SQL text: the words, with the values of the columns it names. */
function messageSql(message: Message): string {
  return message.map((part) => (typeof part === 'string' ? literal(part) : raw(part.valueOf))).join(' || ');
}

/** When a column rule holds, for a field that is not null (and well formed, for every rule after `type`). */
function columnRuleHolds(rule: ColumnRule): string {
  const { column } = rule;
  switch (rule.kind) {
    case 'filled': return 'true';
    case 'type': return wellFormed(column);
    case 'one_of': {
      const list = column.type === 'integer' ? rule.values.join(', ') : rule.values.map(literal).join(', ');
      return `${typed(column)} IN (${list})`;
    }
    case 'range': {
      const bounds: string[] = [];
      if (rule.min !== undefined) bounds.push(`${typed(column)} >= ${rule.min}`);
      if (rule.max !== undefined) bounds.push(`${typed(column)} <= ${rule.max}`);
      return bounds.join(' AND ');
    }
    case 'reference': return `${referenceAlias(column)}.code IS NOT NULL`;
    default: return unknownRule(rule);
  }
}

/** When one case of a row rule is broken, on a row whose columns named in the case's `needs` are present and well formed. */
function rowCaseBroken(dataset: Dataset, rule: RowRule, ruleCase: RowRuleCase): string {
  const v = raw(rule.column);
  switch (rule.kind) {
    // Well-formed YYYY-MM-DD dates compare as text in date order.
    case 'order': return `${v} COLLATE "C" ${rule.strict ? '<=' : '<'} ${raw(ruleCase.side)}`;
    case 'together': return ruleCase.side === 'missing'
      ? `${v} IS NULL AND ${raw(rule.with)} IS NOT NULL` : `${v} IS NOT NULL AND ${raw(rule.with)} IS NULL`;
    case 'requires': return `${v} IS NOT NULL AND ${raw(rule.needs)} IS NULL`;
    case 'at_most': return `${typed(columnNamed(dataset, rule.column))} > ${typed(columnNamed(dataset, rule.limit))}`;
    default: return unknownRule(rule);
  }
}

function columnNamed(dataset: Dataset, name: string): Column {
  return dataset.columns.find((c) => c.name === name)!;
}

interface Check {
  column: string;
  value: string;
  /** The broken rule's text, or NULL. */
  problem: string;
}

/** The rules of one column, as one CASE giving the first broken rule (or NULL). */
function columnProblem(column: Column, rules: readonly ColumnRule[]): Check {
  const v = raw(column.name);
  const filled = rules.find((rule) => rule.kind === 'filled');
  const whens = [`WHEN ${v} IS NULL THEN ${filled ? literal(columnRuleMessage(filled)) : 'NULL'}`];
  // CASE judges in order: the casts of later rules run only on well-formed text.
  for (const rule of rules) {
    if (rule.kind !== 'filled') whens.push(`WHEN NOT (${columnRuleHolds(rule)}) THEN ${literal(columnRuleMessage(rule))}`);
  }
  return { column: column.name, value: v, problem: `CASE ${whens.join(' ')} END` };
}

/** Whether every rule of one column holds, as one boolean. */
function columnHolds(column: Column, rules: readonly ColumnRule[]): string {
  const v = raw(column.name);
  const optional = !rules.some((rule) => rule.kind === 'filled');
  const [type, ...values] = rules.filter((rule) => rule.kind !== 'filled');
  const holds = values.map(columnRuleHolds);
  return `CASE WHEN ${v} IS NULL THEN ${optional} WHEN ${columnRuleHolds(type!)} THEN ${holds.length ? holds.join(' AND ') : 'true'} ELSE false END`;
}

function present(dataset: Dataset, name: string): string {
  return `(${raw(name)} IS NOT NULL AND ${wellFormed(columnNamed(dataset, name))})`;
}

function rowRuleProblem(dataset: Dataset, rule: RowRule): Check {
  const whens = rowRuleCases(rule).map((ruleCase) => {
    const guards = ruleCase.needs.map((name) => present(dataset, name));
    return `WHEN ${[...guards, `(${rowCaseBroken(dataset, rule, ruleCase)})`].join(' AND ')} THEN ${messageSql(ruleCase.message)}`;
  });
  return { column: rule.column, value: raw(rule.column), problem: `CASE ${whens.join(' ')} END` };
}

function checks(dataset: Dataset): Check[] {
  const model = datasetRules(dataset);
  return [...model.columns.map(({ column, rules }) => columnProblem(column, rules)), ...model.rows.map((rule) => rowRuleProblem(dataset, rule))];
}

/**
 * The staging table: the file's fields as text. It is filled by one COPY and never changed, so its
 * physical order (ctid) is the file's order: rows are numbered from it only when problems are listed,
 * which keeps numbering off the path of a valid file.
 */
export function createStage(dataset: Dataset): string {
  const columns = dataset.columns.map((c) => `${id(c.name)} text`).join(', ');
  return `CREATE TEMP TABLE import_stage (${columns}) ON COMMIT DROP`;
}

/** The staging table with each row's number in the file (1 = first data row). */
const NUMBERED_STAGE = `(SELECT row_number() OVER (ORDER BY ctid) AS rn, * FROM ${STAGE})`;

/** COPY of the file's columns, in the file's order (names already checked against the definition). */
export function copyIntoStage(fileColumns: readonly string[]): string {
  return copyInto(STAGE, fileColumns);
}

/**
 * COPY of the file's columns into `table` (a name already quoted). `forceNull`: an empty field is null even
 * when quoted, as every dataset reads it; `freeze`: rows written frozen (the table is new or emptied in
 * this transaction).
 */
export function copyInto(table: string, fileColumns: readonly string[], { freeze = false, forceNull = true } = {}): string {
  const list = fileColumns.map(id).join(', ');
  return `COPY ${table} (${list}) FROM STDIN WITH (FORMAT csv, HEADER true${forceNull ? `, FORCE_NULL (${list})` : ''}${freeze ? ', FREEZE true' : ''})`;
}

/**
 * COPY of a file straight into its table (batched writes, much faster than INSERT … SELECT). With `freeze`
 * (the table was emptied in this subtransaction) the rows are written frozen and all-visible, so the first
 * reads after the import do not rewrite every page to set hint bits.
 */
export function copyIntoTable(dataset: Dataset, fileColumns: readonly string[], { freeze = false } = {}): string {
  return copyInto(id(dataset.table), fileColumns, { freeze });
}

/** A row breaking any rule of its own (not counting duplicate keys), as one boolean. */
function rowIsBad(dataset: Dataset): string {
  return `NOT (${rowIsGood(dataset)})`;
}

/**
 * A row breaking no rule of its own. The row rules run only once every column holds (CASE evaluates in
 * order), so they can cast and compare without guards of their own.
 */
function rowIsGood(dataset: Dataset): string {
  const model = datasetRules(dataset);
  const columns = model.columns.map(({ column, rules }) => `(${columnHolds(column, rules)})`).join('\n AND ');
  if (model.rows.length === 0) return columns;
  const rules = model.rows.flatMap((rule) => rowRuleCases(rule).map((ruleCase) => `NOT coalesce(${rowCaseBroken(dataset, rule, ruleCase)}, false)`));
  return `CASE WHEN ${columns} THEN ${rules.join(' AND ')} ELSE false END`;
}

/** Whether any row breaks a rule: a single scan, stopping at the first bad row. */
export function anyBadRow(dataset: Dataset): string {
  return `SELECT EXISTS (SELECT 1 FROM ${STAGE} s ${referenceJoins(dataset)} WHERE ${rowIsBad(dataset)}) AS bad`;
}

/** Every problem of every row, in file order: (rn, column, value, rule), the first `limit` and the total. */
export function rowProblems(dataset: Dataset, limit: number): string {
  const values = checks(dataset)
    .map((check, index) => `(${index}, ${literal(check.column)}, ${check.value}, ${check.problem})`)
    .join(',\n');
  return `SELECT s.rn, p.col, p.val, p.rule, count(*) OVER () AS total
    FROM ${NUMBERED_STAGE} s ${referenceJoins(dataset)}
    CROSS JOIN LATERAL (VALUES ${values}) AS p(ord, col, val, rule)
    WHERE p.rule IS NOT NULL
    ORDER BY s.rn, p.ord
    LIMIT ${limit}`;
}

function keysWellFormed(dataset: Dataset): string {
  return keyColumns(dataset).map((c) => present(dataset, c.name)).join(' AND ');
}

/** Whether two rows share a key (keys compared once well formed). */
export function anyDuplicateKey(dataset: Dataset): string {
  const keys = keyColumns(dataset).map(canonical).join(', ');
  return `SELECT EXISTS (SELECT 1 FROM ${STAGE} s GROUP BY ${keys} HAVING count(*) > 1) AS duplicated`;
}

/** Each row whose key an earlier row already has, with the earlier row's number. */
export function duplicateKeys(dataset: Dataset, limit: number): string {
  const keys = keyColumns(dataset);
  const partition = keys.map(canonical).join(', ');
  const value = keys.length === 1 ? raw(keys[0]!.name) : keys.map((c) => raw(c.name)).join(` || ',' || `);
  return `SELECT rn, first_rn, val, count(*) OVER () AS total FROM (
      SELECT s.rn, min(s.rn) OVER (PARTITION BY ${partition}) AS first_rn, ${value} AS val
      FROM ${NUMBERED_STAGE} s WHERE ${keysWellFormed(dataset)}) d
    WHERE rn <> first_rn ORDER BY rn LIMIT ${limit}`;
}

function insertColumns(dataset: Dataset): { names: string; values: string } {
  return {
    names: dataset.columns.map((c) => id(c.name)).join(', '),
    values: dataset.columns.map((c) => typed(c)).join(', '),
  };
}

export function tableIsEmpty(dataset: Dataset): string {
  return `SELECT NOT EXISTS (SELECT 1 FROM ${id(dataset.table)}) AS empty`;
}

/** Inserts every staged row (the table is empty, or the rows are known to be new). */
export function insertAll(dataset: Dataset): string {
  const { names, values } = insertColumns(dataset);
  return `INSERT INTO ${id(dataset.table)} (${names}) SELECT ${values} FROM ${STAGE} s`;
}

function keyMatch(dataset: Dataset, table: string): string {
  return keyColumns(dataset).map((c) => `${table}.${id(c.name)} = ${typed(c)}`).join(' AND ');
}

export const CHANGES = 'pg_temp.import_changes';

/**
 * The staged rows that are new or differ from the stored row with their key, typed, in one join of the
 * file with the table (identical rows drop out here, so importing the same file twice changes nothing).
 */
export function collectChanges(dataset: Dataset): string {
  const table = id(dataset.table);
  const firstKey = id(keyColumns(dataset)[0]!.name);
  const others = dataset.columns.filter((c) => !c.key);
  const columns = dataset.columns.map((c) => `${typed(c)} AS ${id(c.name)}`).join(', ');
  const differs = `(${others.map((c) => `${table}.${id(c.name)}`).join(', ')}) IS DISTINCT FROM (${others.map((c) => typed(c)).join(', ')})`;
  return `CREATE TEMP TABLE import_changes ON COMMIT DROP AS
    SELECT ${columns}, ${table}.${firstKey} IS NULL AS is_new
    FROM ${STAGE} s LEFT JOIN ${table} ON ${keyMatch(dataset, table)}
    WHERE ${table}.${firstKey} IS NULL OR ${differs}`;
}

/** Updates the stored rows that differ from the file. */
export function updateChanged(dataset: Dataset): string {
  const table = id(dataset.table);
  const others = dataset.columns.filter((c) => !c.key);
  const set = others.map((c) => `${id(c.name)} = c.${id(c.name)}`).join(', ');
  const match = keyColumns(dataset).map((c) => `${table}.${id(c.name)} = c.${id(c.name)}`).join(' AND ');
  return `UPDATE ${table} SET ${set} FROM ${CHANGES} c WHERE NOT c.is_new AND ${match}`;
}

/**
 * Inserts the rows whose key is not stored yet, in the order of the key's index (`keyOrder`, read from the
 * database: a migration may order the key's columns differently from the dataset's): each page of the index
 * is then visited once, in turn, rather than at random for every row (a term of absence rows into a table of
 * millions: several times faster), and new rows written to fresh pages lie there in the order the key reads them.
 */
export function insertNew(dataset: Dataset, keyOrder: readonly string[] = keyColumns(dataset).map((c) => c.name)): string {
  const names = dataset.columns.map((c) => id(c.name)).join(', ');
  return `INSERT INTO ${id(dataset.table)} (${names}) SELECT ${names} FROM ${CHANGES} WHERE is_new ORDER BY ${keyOrder.map(id).join(', ')}`;
}

/**
 * The table's primary key and unique constraints (`is_constraint`: name and definition for ALTER TABLE … ADD
 * CONSTRAINT) and its other indexes (name and CREATE INDEX statement): what a bulk load drops and rebuilds.
 */
export function keysAndIndexes(): string {
  return `SELECT quote_ident(conname) AS name, pg_get_constraintdef(oid) AS definition, true AS is_constraint
    FROM pg_constraint WHERE conrelid = $1::regclass AND contype IN ('p', 'u')
    UNION ALL
    SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid), false FROM pg_index i
    WHERE i.indrelid = $1::regclass AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)`;
}

/** The columns of the table's primary key in its index's order. */
export function primaryKeyOrder(): string {
  return `SELECT a.attname AS name FROM pg_index i
    CROSS JOIN LATERAL unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, n)
    JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
    WHERE i.indrelid = $1::regclass AND i.indisprimary AND k.n <= i.indnkeyatts
    ORDER BY k.n`;
}

/**
 * Loads the rows that break no rule and leaves the rest (first occurrence of a key wins): used for a bad
 * file in a batch, so that the files after it are checked against its good reference rows. The batch
 * is rolled back in the end.
 */
export function mergeGoodRows(dataset: Dataset): string {
  const { names, values } = insertColumns(dataset);
  const keys = keyColumns(dataset).map((c) => id(c.name)).join(', ');
  return `INSERT INTO ${id(dataset.table)} (${names})
    SELECT ${values} FROM ${STAGE} s ${referenceJoins(dataset)} WHERE ${rowIsGood(dataset)} ORDER BY s.ctid
    ON CONFLICT (${keys}) DO NOTHING`;
}

/** Deletes the stored rows whose key is not in the file (a full extract). */
export function deleteAbsentRows(dataset: Dataset): string {
  const table = id(dataset.table);
  return `DELETE FROM ${table} WHERE NOT EXISTS (SELECT 1 FROM ${STAGE} s WHERE ${keyMatch(dataset, table)})`;
}
