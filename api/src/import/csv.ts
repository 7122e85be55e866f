// Reading an extract. One tokenizer splits CSV records (RFC 4180, with the quote-anywhere reading PostgreSQL's
// COPY shares; a byte-order mark tolerated) and serves everything that reads a file: the header, the physical
// line of each record, the shape problems COPY stops at, and the record-by-record check that runs beside COPY.
import { isUtf8 } from 'node:buffer';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
/** Longer than any sensible record: an unclosed quote, most likely. */
const MAX_RECORD_BYTES = 1 << 20;

/**
 * One record. Field i is bytes [starts[i], ends[i]) of `buf`, quotes removed and `""` read as `"`; an empty
 * field is empty, quoted or not (COPY's FORCE_NULL reads both as null). Only the first `room` fields are
 * kept; `count` is the number found.
 */
export interface CsvRecord {
  buf: Buffer;
  starts: Int32Array;
  ends: Int32Array;
  count: number;
  /** The record as written: bytes [rawStart, rawEnd) of `source`, without its line end. */
  source: Buffer;
  rawStart: number;
  rawEnd: number;
  /** Whether the record has a quote anywhere (its fields are then unquoted into a buffer of their own). */
  quoted: boolean;
  /** The physical line it starts on (1 = the header's). */
  line: number;
}

/** A quote opened and never closed: the rest of the file from `line` lies inside it. */
export class UnclosedQuote extends Error {
  constructor(readonly line: number) {
    super(`a quoted field opened on line ${line} is not closed`);
  }
}

/**
 * Splits bytes into records as COPY does: a line break outside quotes ends a record (CR LF as LF), a comma
 * outside quotes ends a field. Blank lines at the very end of the input are not records; a blank line
 * followed by data is a record of one empty field.
 */
export class CsvTokenizer {
  private carry: Buffer | null = null;
  private first = true;
  private start: Buffer | null = null;
  /** The physical line the next record starts on. */
  private line = 1;
  /** Lines of blank records not yet known to be followed by data. */
  private blanks: number[] = [];
  private readonly record: CsvRecord;
  private scratch = Buffer.alloc(256);

  /** `room`: the fields kept per record (0 when only records and lines are wanted). */
  constructor(private readonly room: number, private readonly onRecord: (record: CsvRecord) => void) {
    this.record = {
      buf: Buffer.alloc(0), starts: new Int32Array(room + 1), ends: new Int32Array(room + 1), count: 0,
      source: Buffer.alloc(0), rawStart: 0, rawEnd: 0, quoted: false, line: 1,
    };
  }

  /** Reads a chunk; returns its bytes as they count (a leading byte-order mark removed). */
  write(chunk: Buffer): Buffer {
    let bytes = chunk;
    if (this.first) {
      // The mark may come split over chunks: its first bytes are held until it can be told.
      bytes = this.start ? Buffer.concat([this.start, chunk]) : chunk;
      this.start = null;
      if (bytes.length < BOM.length && BOM.subarray(0, bytes.length).equals(bytes)) {
        this.start = Buffer.from(bytes);
        return Buffer.alloc(0);
      }
      this.first = false;
      if (bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
    }
    const data = this.carry ? Buffer.concat([this.carry, bytes]) : bytes;
    this.carry = null;
    const consumed = this.scan(data, false);
    if (consumed < data.length) {
      if (data.length - consumed > MAX_RECORD_BYTES) throw new UnclosedQuote(this.line);
      this.carry = Buffer.from(data.subarray(consumed));
    }
    return bytes;
  }

  /**
   * The end of the input: the last record may have no line break; a quote still open is an error. Returns
   * the bytes of the input that count and were not yet returned (a start too short to be a byte-order mark).
   */
  end(): Buffer {
    // Bytes held as the possible start of a byte-order mark are data after all.
    const held = this.start ?? Buffer.alloc(0);
    this.start = null;
    this.first = false;
    const data = this.carry ? Buffer.concat([this.carry, held]) : held;
    this.carry = null;
    if (data.length > 0 && this.scan(data, true) < data.length) throw new UnclosedQuote(this.line);
    return held;
  }

  /** Takes every complete record of data; returns where the incomplete rest begins. */
  private scan(data: Buffer, atEnd: boolean): number {
    const { starts, ends } = this.record;
    const room = this.room;
    let recordStart = 0;
    let fieldStart = 0;
    let count = 0;
    let inQuote = false;
    let quoted = false;
    let breaks = 0;
    const length = data.length;
    for (let i = 0; i <= length; i++) {
      const b = i < length ? data[i]! : -1;
      if (b === QUOTE) {
        inQuote = !inQuote;
        quoted = true;
      } else if (inQuote) {
        if (b === LF) breaks++;
      } else if (b === COMMA) {
        if (count < room) { starts[count] = fieldStart; ends[count] = i; }
        count++;
        fieldStart = i + 1;
      } else if (b === LF || (b === -1 && atEnd && i > recordStart)) {
        const end = b === LF && i > recordStart && data[i - 1] === CR ? i - 1 : i;
        if (count < room) { starts[count] = fieldStart; ends[count] = end; }
        count++;
        this.take(data, recordStart, end, count, quoted);
        this.line += breaks + (b === LF ? 1 : 0);
        recordStart = i + 1;
        fieldStart = recordStart;
        count = 0;
        quoted = false;
        breaks = 0;
      }
    }
    return recordStart;
  }

  private take(data: Buffer, start: number, end: number, count: number, quoted: boolean): void {
    if (end === start) {
      this.blanks.push(this.line);
      return;
    }
    const record = this.record;
    if (this.blanks.length > 0) this.emitBlanks(data, start);
    record.source = data;
    record.rawStart = start;
    record.rawEnd = end;
    record.count = count;
    record.quoted = quoted;
    record.line = this.line;
    record.buf = data;
    if (quoted && this.room > 0) this.unquote(data, start, end);
    this.onRecord(record);
  }

  /** The blank lines before a record: each a record of one empty field. */
  private emitBlanks(data: Buffer, at: number): void {
    const record = this.record;
    for (const line of this.blanks) {
      record.buf = data; record.source = data; record.rawStart = at; record.rawEnd = at;
      record.starts[0] = at; record.ends[0] = at; record.count = 1; record.quoted = false; record.line = line;
      this.onRecord(record);
    }
    this.blanks = [];
  }

  /** The fields of a record with quotes, unquoted into the scratch buffer. */
  private unquote(data: Buffer, start: number, end: number): void {
    if (this.scratch.length < end - start) this.scratch = Buffer.alloc((end - start) * 2);
    const out = this.scratch;
    const { starts, ends } = this.record;
    let length = 0;
    let field = 0;
    let inQuote = false;
    starts[0] = 0;
    for (let i = start; i < end; i++) {
      const b = data[i]!;
      if (inQuote) {
        if (b !== QUOTE) out[length++] = b;
        else if (i + 1 < end && data[i + 1] === QUOTE) { out[length++] = QUOTE; i++; } else inQuote = false;
      } else if (b === QUOTE) inQuote = true;
      else if (b === COMMA) {
        if (field < this.room) ends[field] = length;
        field++;
        if (field < this.room) starts[field] = length;
      } else out[length++] = b;
    }
    if (field < this.room) ends[field] = length;
    this.record.buf = out;
  }
}

/** The text of field i of a record. */
export function fieldText(record: CsvRecord, i: number): string {
  return record.buf.toString('utf8', record.starts[i], record.ends[i]);
}

export type HeaderResult =
  | { ok: true; columns: string[] }
  | { ok: false; rule: string };

const HEADER_READ_LIMIT = 1 << 20;
/** More than any dataset has: the rest of a longer header is counted, not kept. */
const MAX_HEADER_COLUMNS = 1024;

/** Reads the first record of the file (the header). */
export async function readHeader(filePath: string): Promise<HeaderResult> {
  const handle = await open(filePath, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(HEADER_READ_LIMIT);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  let header: { raw: Buffer; fields: Buffer[]; line: number } | null = null;
  const tokenizer = new CsvTokenizer(MAX_HEADER_COLUMNS, (record) => {
    header ??= {
      raw: record.source.subarray(record.rawStart, record.rawEnd),
      fields: Array.from({ length: Math.min(record.count, MAX_HEADER_COLUMNS) }, (_, i) => Buffer.from(record.buf.subarray(record.starts[i], record.ends[i]))),
      line: record.line,
    };
  });
  const body = tokenizer.write(bytes);
  const complete = header !== null || bytes.length < HEADER_READ_LIMIT;
  if (!complete) return { ok: false, rule: 'the header line is longer than 1 MB' };
  if (header === null) {
    try {
      tokenizer.end();
    } catch {
      return { ok: false, rule: 'the header is not valid CSV (a quoted field is not closed)' };
    }
  }
  const first = header as { raw: Buffer; fields: Buffer[]; line: number } | null;
  if (first === null || first.line !== 1 || first.raw.length === 0) {
    return { ok: false, rule: body.length === 0 ? 'the file is empty: the first line must be the header' : 'the first line must be the header, it is empty' };
  }
  if (!isUtf8(first.raw)) return { ok: false, rule: 'the header is not valid UTF-8' };
  return { ok: true, columns: first.fields.map((field) => field.toString('utf8')) };
}

/**
 * Where each record of a file starts. Records are numbered from 1 (the header), as PostgreSQL's COPY
 * numbers them; a record's physical line differs from its number once a quoted field has spanned lines.
 */
export class LineMap {
  /** Record numbers at which the line offset changes, and the offset from there on (sorted). */
  private readonly records: number[] = [1];
  private readonly offsets: number[] = [0];

  note(record: number, line: number): void {
    const offset = line - record;
    if (offset !== this.offsets[this.offsets.length - 1]) {
      this.records.push(record);
      this.offsets.push(offset);
    }
  }

  /** The physical line (1 = header) on which record `record` starts. */
  lineOf(record: number): number {
    let lo = 0;
    let hi = this.records.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.records[mid]! <= record) lo = mid;
      else hi = mid - 1;
    }
    return record + this.offsets[lo]!;
  }
}

export interface ScanProgress { bytesRead: number; records: number }

/** Thrown into the stream when a record breaks a rule: the caller falls back to the full check. */
export class RecordRejected extends Error {
  constructor(readonly record: number) {
    super(`record ${record} breaks a rule of its dataset`);
  }
}

/** What the scanner may hold ready for COPY (the file is read in chunks of 1 MB). */
const READ_AHEAD_BYTES = 4 << 20;

export interface CsvScannerOptions {
  /** Told how far the read has got, after each chunk. */
  onProgress?: (progress: ScanProgress) => void;
  /** Checks each data record (its fields in the file's order): false stops the stream with RecordRejected. */
  check?: (record: CsvRecord) => boolean;
  /** Fields kept per record for the check (the header's width). */
  width?: number;
  /** Fields that, when not empty, are written out extended by `suffix` (months become their first day). */
  appendToFields?: readonly number[];
  suffix?: string;
}

/**
 * Passes a CSV file on to COPY while keeping what the database cannot tell us: where each record starts in
 * the file, how many there are, how far the read has got. A leading byte-order mark and blank lines at the
 * very end are dropped. With `check`, every data record is checked on the way; with `appendToFields`, each
 * record is written out again with those fields extended.
 */
export class CsvScanner extends Transform {
  readonly lines = new LineMap();
  /** Records seen so far, the header included. */
  records = 0;
  bytesRead = 0;
  private readonly tokenizer: CsvTokenizer;
  private held: Buffer | null = null;
  private readonly rewriting: boolean;
  private readonly suffix: Buffer;
  private out: Buffer = Buffer.alloc(0);
  private outLength = 0;

  constructor(private readonly options: CsvScannerOptions = {}) {
    // Room for a few chunks ahead of COPY: the check of the next chunk runs while PostgreSQL writes this one.
    super({ readableHighWaterMark: READ_AHEAD_BYTES });
    this.rewriting = (options.appendToFields?.length ?? 0) > 0;
    this.suffix = Buffer.from(options.suffix ?? '-01');
    const needsFields = options.check !== undefined || this.rewriting;
    this.tokenizer = new CsvTokenizer(needsFields ? options.width ?? 0 : 0, (record) => this.takeRecord(record));
  }

  /** Data records read (the header not counted). */
  get dataRecords(): number {
    return Math.max(this.records - 1, 0);
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytesRead += chunk.length;
    if (this.rewriting) this.startOutput(chunk.length + (this.held?.length ?? 0));
    let data: Buffer;
    try {
      data = this.tokenizer.write(chunk);
    } catch (error) {
      callback(this.asRejection(error));
      return;
    }
    if (this.rewriting) {
      if (this.outLength > 0) this.push(Buffer.from(this.out.subarray(0, this.outLength)));
    } else {
      this.passOn(data);
    }
    this.options.onProgress?.({ bytesRead: this.bytesRead, records: this.records });
    callback();
  }

  override _flush(callback: TransformCallback): void {
    if (this.rewriting) this.startOutput(1024);
    let rest: Buffer;
    try {
      rest = this.tokenizer.end();
    } catch (error) {
      callback(this.asRejection(error));
      return;
    }
    if (!this.rewriting) this.passOn(rest);
    if (this.rewriting && this.outLength > 0) this.push(Buffer.from(this.out.subarray(0, this.outLength)));
    this.options.onProgress?.({ bytesRead: this.bytesRead, records: this.records });
    callback();
  }

  /** The bytes as read, less line ends at the end of what has come so far (blank lines at the end if nothing follows). */
  private passOn(bytes: Buffer): void {
    let data = this.held ? Buffer.concat([this.held, bytes]) : bytes;
    this.held = null;
    let end = data.length;
    while (end > 0 && (data[end - 1] === LF || data[end - 1] === CR)) end--;
    if (end < data.length) {
      this.held = Buffer.from(data.subarray(end));
      data = data.subarray(0, end);
    }
    if (data.length > 0) this.push(data);
  }

  private asRejection(error: unknown): Error {
    if (error instanceof UnclosedQuote && this.options.check) return new RecordRejected(this.records);
    return error as Error;
  }

  private takeRecord(record: CsvRecord): void {
    this.records++;
    if (record.line !== this.records) this.lines.note(this.records, record.line);
    if (this.records === 1) {
      if (this.rewriting) this.output(record.source, record.rawStart, record.rawEnd, true);
      return;
    }
    const { check } = this.options;
    if (check && !check(record)) throw new RecordRejected(this.records - 1);
    // Bytes that are not UTF-8 would be quoted again unread: COPY rejects them, and the full check says where.
    if (this.rewriting && record.quoted && !isUtf8(record.source.subarray(record.rawStart, record.rawEnd))) {
      throw new RecordRejected(this.records - 1);
    }
    if (this.rewriting) this.rewrite(record);
  }

  /** The record written out again, the chosen fields extended by the suffix. */
  private rewrite(record: CsvRecord): void {
    const fields = this.options.appendToFields!;
    // A record of the wrong shape is passed on as it is, for COPY to refuse.
    if (record.count !== this.options.width) {
      this.output(record.source, record.rawStart, record.rawEnd, true);
      return;
    }
    if (!record.quoted) {
      let from = record.rawStart;
      for (const field of fields) {
        const fieldEnd = record.ends[field]!;
        this.output(record.source, from, fieldEnd, false);
        if (record.starts[field] !== fieldEnd) this.output(this.suffix, 0, this.suffix.length, false);
        from = fieldEnd;
      }
      this.output(record.source, from, record.rawEnd, true);
      return;
    }
    // Quoted again where a field needs it.
    for (let i = 0; i < record.count; i++) {
      if (i > 0) this.output(COMMA_BYTE, 0, 1, false);
      const start = record.starts[i]!;
      const end = record.ends[i]!;
      const extended = fields.includes(i) && start !== end;
      if (needsQuotes(record.buf, start, end)) {
        this.output(QUOTE_BYTE, 0, 1, false);
        for (let b = start; b < end; b++) {
          if (record.buf[b] === QUOTE) this.output(QUOTE_BYTE, 0, 1, false);
          this.output(record.buf, b, b + 1, false);
        }
        if (extended) this.output(this.suffix, 0, this.suffix.length, false);
        this.output(QUOTE_BYTE, 0, 1, false);
      } else {
        this.output(record.buf, start, end, false);
        if (extended) this.output(this.suffix, 0, this.suffix.length, false);
      }
    }
    this.output(record.buf, 0, 0, true);
  }

  private startOutput(inputLength: number): void {
    // Room for every record to grow by its suffixes; output() grows it further if ever needed.
    const size = inputLength * 2 + 1024;
    if (this.out.length < size) this.out = Buffer.allocUnsafe(size);
    this.outLength = 0;
  }

  /** Appends bytes [start, end) of source to the rewritten output (with a line end when `endOfRecord`). */
  private output(source: Buffer, start: number, end: number, endOfRecord: boolean): void {
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

const COMMA_BYTE = Buffer.from(',');
const QUOTE_BYTE = Buffer.from('"');

function needsQuotes(buf: Buffer, start: number, end: number): boolean {
  for (let i = start; i < end; i++) {
    const b = buf[i];
    if (b === QUOTE || b === COMMA || b === LF || b === CR || b === 0x5c) return true;
  }
  return false;
}

export interface ShapeProblem {
  /** Physical line on which the record starts. */
  line: number;
  /** The first missing column, for a record with too few fields. */
  column: string | null;
  rule: string;
}

/**
 * Every record whose shape COPY refuses: a field count other than the header's, bytes that are not UTF-8,
 * a line end other than the header's. COPY stops at the first; this reads the file once more, only after a
 * COPY has failed, so that every such record is listed (the first `limit`, and the count of all). An
 * unclosed quote ends the list: the rest of the file lies inside it.
 */
export async function listShapeProblems(
  filePath: string, columns: readonly string[], limit: number,
): Promise<{ problems: ShapeProblem[]; count: number }> {
  const problems: ShapeProblem[] = [];
  let count = 0;
  const report = (line: number, column: string | null, rule: string) => {
    count++;
    if (problems.length < limit) problems.push({ line, column, rule });
  };
  let headerEnd: 'LF' | 'CRLF' | null = null;
  const tokenizer = new CsvTokenizer(0, (record) => {
    // COPY takes the header's line end for the whole file: a CR it does not expect is an error.
    const lineEnd = record.rawEnd < record.source.length && record.source[record.rawEnd] === CR ? 'CRLF' : 'LF';
    if (headerEnd === null) {
      headerEnd = lineEnd;
      return;
    }
    const bytes = record.source.subarray(record.rawStart, record.rawEnd);
    // A NUL byte is valid UTF-8 but never text to PostgreSQL.
    if (!isUtf8(bytes) || bytes.includes(0)) {
      report(record.line, null, 'the file is not valid UTF-8 here');
      return;
    }
    if (record.count > columns.length) report(record.line, null, 'the line has more fields than the header');
    else if (record.count < columns.length) report(record.line, columns[record.count] ?? null, 'the line has fewer fields than the header');
    else if (lineEnd !== headerEnd && record.rawEnd < record.source.length) {
      report(record.line, null, 'the line ends differently from the header: use the same line ending throughout and quote fields that contain line breaks');
    } else if (!record.quoted && hasBareCr(record)) {
      report(record.line, null, 'a carriage return outside quotes: use the same line ending throughout and quote fields that contain line breaks');
    }
  });
  try {
    for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) tokenizer.write(chunk);
    tokenizer.end();
  } catch (error) {
    if (!(error instanceof UnclosedQuote)) throw error;
    report(error.line, null, 'a quoted field is not closed (missing ")');
  }
  return { problems, count };
}

function hasBareCr(record: CsvRecord): boolean {
  for (let i = record.rawStart; i < record.rawEnd; i++) if (record.source[i] === CR) return true;
  return false;
}
