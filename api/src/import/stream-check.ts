// The rules of a dataset checked in the stream itself, record by record, while COPY loads the file straight
// into its empty table: a valid file is then read once. This check only answers "every row is good"; the
// moment a row fails it the load stops and the importer falls back to staging the file and listing every
// problem with the set-based SQL of sql.ts. It may therefore be stricter than sql.ts (a needless fallback
// costs time only), never more lenient: tests/server/import/stream-check.test.ts holds the two to the same
// answers. Both are built from the same definitions in datasets.ts. The check reads the file's bytes
// without turning each field into a string: it runs beside COPY and must keep up with it.
import { Transform, type TransformCallback } from 'node:stream';
import { MEASURE_CODES } from '../indicators/catalog.js';
import type { Column, Dataset, RowRule } from './datasets.js';

/** The codes each reference of the dataset may take, read from the database inside the import. */
export type ReferenceSets = ReadonlyMap<NonNullable<Column['references']>, ReadonlySet<string>>;

/**
 * One record: field i is bytes [starts[i], ends[i]) of buf; an empty field is empty (COPY's FORCE_NULL
 * reads "" as empty too). `count` is the number of fields found.
 */
export interface RecordFields {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
}

type FieldTest = (buf: Buffer, start: number, end: number) => boolean;
type RecordTest = (record: RecordFields) => boolean;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
const NINE = 0x39;
/** Longer than any sensible record: an unclosed quote, most likely. */
const MAX_RECORD_BYTES = 1 << 20;

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

function columnHolds(column: Column, index: number, references: ReferenceSets): RecordTest {
  const tests: FieldTest[] = [wellFormed(column)];
  const integer = column.type === 'integer';
  if (column.values) {
    if (integer) {
      const allowed = new Set(column.values.map(Number));
      tests.push((buf, start, end) => allowed.has(integerValue(buf, start, end)));
    } else {
      tests.push(memberOf(new Set(column.values)));
    }
  }
  const value = integer ? integerValue : (buf: Buffer, start: number, end: number) => numberOf(column, text(buf, start, end));
  if (column.min !== undefined) {
    const min = column.min;
    tests.push((buf, start, end) => value(buf, start, end) >= min);
  }
  if (column.max !== undefined) {
    const max = column.max;
    tests.push((buf, start, end) => value(buf, start, end) <= max);
  }
  if (column.references) {
    const known = column.references === 'indicators' ? new Set(MEASURE_CODES) : references.get(column.references);
    if (!known) throw new Error(`no codes read for the reference ${column.references} of ${column.name}`);
    tests.push(memberOf(known));
  }
  const optional = column.optional ?? false;
  const [first, ...rest] = tests as [FieldTest, ...FieldTest[]];
  return ({ buf, starts, ends }) => {
    const start = starts[index]!;
    const end = ends[index]!;
    if (start === end) return optional;
    if (!first(buf, start, end)) return false;
    for (let t = 0; t < rest.length; t++) if (!rest[t]!(buf, start, end)) return false;
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
  const empty = (r: RecordFields, f: number) => r.starts[f] === r.ends[f];
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
      const value = (r: RecordFields, f: number) => integerOrNumber(r.buf, r.starts[f]!, r.ends[f]!);
      return (r) => empty(r, i) || empty(r, l) || value(r, i) <= value(r, l);
    }
  }
}

/** Whether a record (its fields in the file's column order) breaks no rule of its own. */
export function compileRowCheck(dataset: Dataset, fileColumns: readonly string[], references: ReferenceSets): RecordTest {
  const at = (name: string) => {
    const index = fileColumns.indexOf(name);
    if (index < 0) throw new Error(`the file has no column ${name}`);
    return index;
  };
  const columns = dataset.columns.map((column) => columnHolds(column, at(column.name), references));
  const rules = dataset.rules.map((rule) => ruleHolds(rule, at));
  const width = fileColumns.length;
  return (record) => {
    if (record.count !== width) return false;
    for (let c = 0; c < columns.length; c++) if (!columns[c]!(record)) return false;
    for (let r = 0; r < rules.length; r++) if (!rules[r]!(record)) return false;
    return true;
  };
}

/** Thrown into the stream when a record breaks a rule: the caller falls back to the full check. */
export class RecordRejected extends Error {
  constructor(readonly record: number) {
    super(`record ${record} breaks a rule of its dataset`);
  }
}

/**
 * Splits CSV records as COPY reads them (a line break outside quotes ends a record, CRLF as LF; a record
 * with quotes is decoded and parsed the slow way) and checks each data record. The bytes pass through
 * unchanged, or, with `appendToFields`, each data record is written out with those fields (when not empty)
 * extended by `suffix`: months become the first day of the month, which the date columns take.
 */
/** The positions in the file of the dataset's month columns (YYYY-MM, written out as the month's first day). */
export function monthFieldIndexes(dataset: Dataset, fileColumns: readonly string[]): number[] {
  return dataset.columns.filter((c) => c.type === 'month').map((c) => fileColumns.indexOf(c.name)).sort((a, b) => a - b);
}

export class RecordChecker extends Transform {
  /** Data records checked (the header not counted). */
  records = 0;
  private carry: Buffer | null = null;
  private header = true;
  private readonly record: RecordFields;
  private out: Buffer = Buffer.alloc(0);
  private outLength = 0;

  constructor(
    private readonly check: RecordTest,
    width: number,
    private readonly appendToFields: readonly number[] = [],
    private readonly suffix = Buffer.from('-01'),
  ) {
    super();
    this.record = { buf: Buffer.alloc(0), starts: new Int32Array(width + 1), ends: new Int32Array(width + 1), count: 0 };
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    const data = this.carry ? Buffer.concat([this.carry, chunk]) : chunk;
    this.carry = null;
    const rewriting = this.appendToFields.length > 0;
    if (rewriting) this.startOutput(data.length);
    let consumed: number;
    try {
      consumed = this.scan(data, false);
    } catch (error) {
      callback(error as Error);
      return;
    }
    if (consumed < data.length) {
      if (data.length - consumed > MAX_RECORD_BYTES) {
        callback(new RecordRejected(this.records + 1));
        return;
      }
      this.carry = Buffer.from(data.subarray(consumed));
    }
    if (rewriting) {
      if (this.outLength > 0) this.push(Buffer.from(this.out.subarray(0, this.outLength)));
    } else {
      this.push(chunk);
    }
    callback();
  }

  override _flush(callback: TransformCallback): void {
    const data = this.carry;
    this.carry = null;
    // The last record may end without a line break (trailing blank lines are dropped upstream).
    if (data && data.length > 0) {
      const rewriting = this.appendToFields.length > 0;
      if (rewriting) this.startOutput(data.length);
      try {
        // Whatever is left unread ends inside a quote that is never closed.
        if (this.scan(data, true) < data.length) throw new RecordRejected(this.records + 1);
      } catch (error) {
        callback(error as Error);
        return;
      }
      if (rewriting && this.outLength > 0) this.push(Buffer.from(this.out.subarray(0, this.outLength)));
    }
    callback();
  }

  /** Checks every complete record of data; returns where the incomplete rest begins. */
  private scan(data: Buffer, atEnd: boolean): number {
    const record = this.record;
    const { starts, ends } = record;
    const width = starts.length - 1;
    record.buf = data;
    let recordStart = 0;
    let fieldStart = 0;
    let count = 0;
    let inQuote = false;
    let quoted = false;
    const length = data.length;
    for (let i = 0; i <= length; i++) {
      const b = i < length ? data[i]! : -1;
      if (b === QUOTE) {
        inQuote = !inQuote;
        quoted = true;
        continue;
      }
      if (inQuote) continue;
      if (b === COMMA) {
        if (count < width) { starts[count] = fieldStart; ends[count] = i; }
        count++;
        fieldStart = i + 1;
      } else if (b === LF || (b === -1 && atEnd && i > recordStart)) {
        const end = b === LF && i > recordStart && data[i - 1] === CR ? i - 1 : i;
        if (count < width) { starts[count] = fieldStart; ends[count] = end; }
        count++;
        this.takeRecord(data, recordStart, end, count, quoted);
        recordStart = i + 1;
        fieldStart = recordStart;
        count = 0;
        quoted = false;
      }
    }
    return recordStart;
  }

  /** One record: bytes [start, end) of data, without its line end. */
  private takeRecord(data: Buffer, start: number, end: number, count: number, quoted: boolean): void {
    const record = this.record;
    if (this.header) {
      this.header = false;
      this.output(data, start, end, true);
      return;
    }
    this.records++;
    if (quoted) {
      this.takeQuotedRecord(data.toString('utf8', start, end));
      return;
    }
    record.count = count;
    if (!this.check(record)) throw new RecordRejected(this.records);
    if (this.appendToFields.length > 0) {
      let from = start;
      for (const field of this.appendToFields) {
        const fieldEnd = record.ends[field]!;
        this.output(data, from, fieldEnd, false);
        if (record.starts[field] !== fieldEnd) this.output(this.suffix, 0, this.suffix.length, false);
        from = fieldEnd;
      }
      this.output(data, from, end, true);
    }
  }

  /** A record with quotes: decoded, parsed field by field, checked, and written out quoted again. */
  private takeQuotedRecord(line: string): void {
    const fields = splitQuoted(line);
    // U+FFFD stands for bytes that were not UTF-8: COPY rejects them, the rewritten text would not.
    if (fields === null || line.includes('\uFFFD')) throw new RecordRejected(this.records);
    const parts = fields.map((value) => Buffer.from(value, 'utf8'));
    const buf = Buffer.concat(parts);
    const record: RecordFields = {
      buf, starts: new Int32Array(parts.length), ends: new Int32Array(parts.length), count: parts.length,
    };
    let offset = 0;
    parts.forEach((part, i) => {
      record.starts[i] = offset;
      offset += part.length;
      record.ends[i] = offset;
    });
    if (!this.check(record)) throw new RecordRejected(this.records);
    if (this.appendToFields.length > 0) {
      for (const field of this.appendToFields) if (fields[field] !== '') fields[field] += this.suffix.toString();
      const line = `${fields.map((value) => (/[",\r\n\\]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value)).join(',')}\n`;
      const bytes = Buffer.from(line, 'utf8');
      this.output(bytes, 0, bytes.length, false);
    }
  }

  private startOutput(inputLength: number): void {
    // Room for every record to grow by its suffixes; output() grows it further if ever needed.
    const size = inputLength * 2 + 1024;
    if (this.out.length < size) this.out = Buffer.allocUnsafe(size);
    this.outLength = 0;
  }

  /** Appends bytes [start, end) of source to the rewritten output (with a line end when `endOfRecord`). */
  private output(source: Buffer, start: number, end: number, endOfRecord: boolean): void {
    if (this.appendToFields.length === 0) return;
    const needed = this.outLength + (end - start) + 1;
    if (needed > this.out.length) {
      const bigger = Buffer.allocUnsafe(needed * 2);
      this.out.copy(bigger, 0, 0, this.outLength);
      this.out = bigger;
    }
    this.outLength += source.copy(this.out, this.outLength, start, end);
    if (endOfRecord) this.out[this.outLength++] = LF;
  }
}

/** The fields of one record that has quotes in it, or null when a quote is not closed. */
function splitQuoted(line: string): string[] | null {
  const fields: string[] = [];
  let value = '';
  let inQuote = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (inQuote) {
      if (c === '"') {
        if (line[i + 1] === '"') { value += '"'; i++; } else inQuote = false;
      } else value += c;
    } else if (c === '"') inQuote = true;
    else if (c === ',') { fields.push(value); value = ''; }
    else value += c;
  }
  if (inQuote) return null;
  fields.push(value);
  return fields;
}
