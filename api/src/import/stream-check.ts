// The rules of a dataset checked in the stream itself, record by record, while COPY loads the file straight
// into its empty table: a valid file is then read once. This check only answers "every row is good"; the
// moment a row fails it the load stops and the importer falls back to staging the file and listing every
// problem with the set-based SQL of sql.ts. It may therefore be stricter than sql.ts (a needless fallback
// costs time only), never more lenient: tests/server/import/stream-check.test.ts holds the two to the same
// answers. Both are compiled from the one model of the rules (rules.ts). The check reads the file's bytes
// without turning each field into a string: it runs beside COPY and must keep up with it.
import type pg from 'pg';
import type { CsvRecord } from './csv.js';
import type { Column, Dataset, RowRule } from './datasets.js';
import { readFromDatabase, referenceCodesSql, referenceData, type Reference } from './reference-data.js';
import { datasetRules, unknownRule, type ColumnRule } from './rules.js';

/** The codes each reference of the dataset may take, read from the database inside the import. */
export type ReferenceSets = ReadonlyMap<Reference, ReadonlySet<string>>;

type FieldTest = (buf: Buffer, start: number, end: number) => boolean;
export type RecordTest = (record: CsvRecord) => boolean;

const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;

const isDigit = (b: number) => b >= ZERO && b <= NINE;

/** The number written in digits at [start, end) (already known to be digits). */
function digitsValue(buf: Buffer, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) n = n * 10 + (buf[i]! - ZERO);
  return n;
}

function allDigits(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (!isDigit(buf[i]!)) return false;
  return true;
}

function daysIn(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** YYYY-MM at start: digits, a year other than 0000, a month 01–12. */
function yearMonthAt(buf: Buffer, start: number): boolean {
  return allDigits(buf, start, start + 4) && buf[start + 4] === MINUS && allDigits(buf, start + 5, start + 7)
    && digitsValue(buf, start, start + 4) > 0 && digitsValue(buf, start + 5, start + 7) >= 1 && digitsValue(buf, start + 5, start + 7) <= 12;
}

const text = (buf: Buffer, start: number, end: number) => buf.toString('utf8', start, end);

/** The same well-formedness as sql.ts's wellFormed(), for a non-empty field. */
function wellFormed(column: Column): FieldTest {
  switch (column.type) {
    case 'text': return () => true;
    // Bytes, at least as many as PostgreSQL's characters: stricter, never laxer.
    case 'id': return (_buf, start, end) => end - start <= 64;
    case 'geo_code':
      if (column.references) return () => true;
      return (buf, start, end) => {
        const first = buf[start]!;
        if (first < 0x41 || first > 0x5a) return false;
        for (let i = start + 1; i < end; i++) {
          const b = buf[i]!;
          if (!((b >= 0x41 && b <= 0x5a) || isDigit(b) || b === 0x5f)) return false;
        }
        return text(buf, start, end) !== 'KENT';
      };
    case 'date': return (buf, start, end) => {
      if (end - start !== 10 || !yearMonthAt(buf, start) || buf[start + 7] !== MINUS || !allDigits(buf, start + 8, start + 10)) return false;
      const day = digitsValue(buf, start + 8, start + 10);
      return day >= 1 && day <= daysIn(digitsValue(buf, start, start + 4), digitsValue(buf, start + 5, start + 7));
    };
    case 'month': return (buf, start, end) => end - start === 7 && yearMonthAt(buf, start);
    case 'boolean': return (buf, start, end) => {
      const value = text(buf, start, end);
      return value === 'true' || value === 'false';
    };
    // One to nine digits, with or without a minus sign.
    case 'integer': return (buf, start, end) => {
      const from = buf[start] === MINUS ? start + 1 : start;
      return end - from >= 1 && end - from <= 9 && allDigits(buf, from, end);
    };
    // -?[0-9]{1,15}(\.[0-9]{1,15})?
    case 'number':
    case 'decimal': return (buf, start, end) => {
      const from = buf[start] === MINUS ? start + 1 : start;
      let dot = -1;
      for (let i = from; i < end; i++) {
        const b = buf[i]!;
        if (b === DOT && dot < 0) dot = i;
        else if (!isDigit(b)) return false;
      }
      if (dot < 0) return end - from >= 1 && end - from <= 15;
      return dot - from >= 1 && dot - from <= 15 && end - dot - 1 >= 1 && end - dot - 1 <= 15;
    };
  }
}

/**
 * A well-formed field's number for range checks, or NaN when a double cannot decide it exactly: a decimal
 * (numeric in the database) within a rounding error of a bound falls back to the SQL check.
 */
function numberOf(column: Column, value: string): number {
  const n = Number(value);
  if (column.type !== 'decimal') return n;
  const near = (bound: number | undefined) => bound !== undefined && Math.abs(n - bound) < 1e-9 * Math.max(1, Math.abs(bound));
  if ((near(column.min) || near(column.max)) && !/^-?\d+(\.0*)?$/.test(value)) return Number.NaN;
  return n;
}

function bytesEqual(buf: Buffer, start: number, end: number, candidate: Buffer): boolean {
  if (end - start !== candidate.length) return false;
  for (let i = 0; i < candidate.length; i++) if (buf[start + i] !== candidate[i]) return false;
  return true;
}

/** A well-formed integer field's value, read from its bytes. */
function integerValue(buf: Buffer, start: number, end: number): number {
  return buf[start] === MINUS ? -digitsValue(buf, start + 1, end) : digitsValue(buf, start, end);
}

/**
 * Whether a field is one of a set of codes. Files repeat a few codes (districts, centres) row after row:
 * the codes recently found are compared byte by byte, so most rows make no string.
 */
function memberOf(known: ReadonlySet<string>): FieldTest {
  const recent: Buffer[] = [];
  return (buf, start, end) => {
    for (const candidate of recent) if (bytesEqual(buf, start, end, candidate)) return true;
    const value = text(buf, start, end);
    if (!known.has(value)) return false;
    if (recent.length < 16) recent.push(Buffer.from(value, 'utf8'));
    return true;
  };
}

/** A column rule, on a field that is not empty (and, for all but `type`, well formed). */
function fieldRule(rule: ColumnRule, references: ReferenceSets): FieldTest {
  const { column } = rule;
  switch (rule.kind) {
    // An empty field never reaches the field tests: see columnHolds.
    case 'filled': return () => true;
    case 'type': return wellFormed(column);
    case 'one_of': {
      if (column.type !== 'integer') return memberOf(new Set(rule.values));
      const allowed = new Set(rule.values.map(Number));
      return (buf, start, end) => allowed.has(integerValue(buf, start, end));
    }
    case 'range': {
      const value = column.type === 'integer' ? integerValue : (buf: Buffer, start: number, end: number) => numberOf(column, text(buf, start, end));
      const { min, max } = rule;
      return (buf, start, end) => {
        const n = value(buf, start, end);
        return (min === undefined || n >= min) && (max === undefined || n <= max);
      };
    }
    case 'reference': {
      const known = readFromDatabase(rule.reference) ? references.get(rule.reference) : new Set(referenceData(rule.reference).fixed);
      if (!known) throw new Error(`no codes read for the reference ${rule.reference} of ${column.name}`);
      return memberOf(known);
    }
    default: return unknownRule(rule);
  }
}

/** A column's rules on field `index` of a record: an empty field passes exactly when the column may be empty. */
function columnHolds(rules: readonly ColumnRule[], index: number, references: ReferenceSets): RecordTest {
  const optional = !rules.some((rule) => rule.kind === 'filled');
  const tests = rules.filter((rule) => rule.kind !== 'filled').map((rule) => fieldRule(rule, references));
  return ({ buf, starts, ends }) => {
    const start = starts[index]!;
    const end = ends[index]!;
    if (start === end) return optional;
    for (let t = 0; t < tests.length; t++) if (!tests[t]!(buf, start, end)) return false;
    return true;
  };
}

function integerOrNumber(buf: Buffer, start: number, end: number): number {
  const from = buf[start] === MINUS ? start + 1 : start;
  return end - from <= 9 && allDigits(buf, from, end) ? integerValue(buf, start, end) : Number(text(buf, start, end));
}

/** A row rule, as sql.ts's ruleHolds(), on a row whose columns all hold. */
function ruleHolds(rule: RowRule, at: (name: string) => number): RecordTest {
  const i = at(rule.column);
  const empty = (r: CsvRecord, f: number) => r.starts[f] === r.ends[f];
  switch (rule.kind) {
    case 'order': {
      const earlier = rule.after.map(at);
      // Well-formed dates compare byte by byte in date order.
      const lowest = rule.strict ? 1 : 0;
      return (r) => empty(r, i) || earlier.every((e) =>
        empty(r, e) || r.buf.compare(r.buf, r.starts[e]!, r.ends[e]!, r.starts[i]!, r.ends[i]!) >= lowest);
    }
    case 'together': {
      const w = at(rule.with);
      return (r) => empty(r, i) === empty(r, w);
    }
    case 'requires': {
      const n = at(rule.needs);
      return (r) => empty(r, i) || !empty(r, n);
    }
    case 'at_most': {
      const l = at(rule.limit);
      // Both columns are integers (the only use); anything else is compared as numbers.
      const value = (r: CsvRecord, f: number) => integerOrNumber(r.buf, r.starts[f]!, r.ends[f]!);
      return (r) => empty(r, i) || empty(r, l) || value(r, i) <= value(r, l);
    }
    default: return unknownRule(rule);
  }
}

/** Whether a record (its fields in the file's column order) breaks no rule of its own. */
export function compileRowCheck(dataset: Dataset, fileColumns: readonly string[], references: ReferenceSets): RecordTest {
  const at = (name: string) => {
    const index = fileColumns.indexOf(name);
    if (index < 0) throw new Error(`the file has no column ${name}`);
    return index;
  };
  const model = datasetRules(dataset);
  const columns = model.columns.map(({ column, rules }) => columnHolds(rules, at(column.name), references));
  const rules = model.rows.map((rule) => ruleHolds(rule, at));
  const width = fileColumns.length;
  return (record) => {
    if (record.count !== width) return false;
    for (let c = 0; c < columns.length; c++) if (!columns[c]!(record)) return false;
    for (let r = 0; r < rules.length; r++) if (!rules[r]!(record)) return false;
    return true;
  };
}

/** The positions in the file of the dataset's month columns (YYYY-MM, written out as the month's first day). */
export function monthFieldIndexes(dataset: Dataset, fileColumns: readonly string[]): number[] {
  return dataset.columns.filter((c) => c.type === 'month').map((c) => fileColumns.indexOf(c.name)).sort((a, b) => a - b);
}

/** The codes each of the dataset's references may take (those the database holds, read in the import's transaction). */
export async function readReferenceSets(client: pg.ClientBase, dataset: Dataset): Promise<ReferenceSets> {
  const sets = new Map<Reference, Set<string>>();
  for (const column of dataset.columns) {
    const reference = column.references;
    if (!reference || !readFromDatabase(reference) || sets.has(reference)) continue;
    const { rows } = await client.query<[string]>({ text: referenceCodesSql(reference), rowMode: 'array' });
    sets.set(reference, new Set(rows.map((row) => row[0])));
  }
  return sets;
}
