// Reading an extract: its header (parsed with csv-parse), and a pass-through stream that feeds the bytes
// to PostgreSQL's COPY while keeping what the database cannot tell us: where each record starts in the
// file (quoted fields may span lines), how many records there are, and how far the read has got.
import { isUtf8 } from 'node:buffer';
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';
import { parse } from 'csv-parse/sync';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const HEADER_READ_LIMIT = 1 << 20;

export type HeaderResult =
  | { ok: true; columns: string[] }
  | { ok: false; rule: string };

/** Reads and parses the first record of the file (the header). */
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
  if (bytes.subarray(0, 3).equals(BOM)) bytes = bytes.subarray(3);
  let end = -1;
  let inQuote = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) inQuote = !inQuote;
    else if (b === LF && !inQuote) { end = i; break; }
  }
  if (end < 0 && bytes.length === HEADER_READ_LIMIT) return { ok: false, rule: 'the header line is longer than 1 MB' };
  let line = end < 0 ? bytes : bytes.subarray(0, end);
  if (line.length > 0 && line[line.length - 1] === CR) line = line.subarray(0, line.length - 1);
  if (line.length === 0) {
    return { ok: false, rule: bytes.length === 0 ? 'the file is empty: the first line must be the header' : 'the first line must be the header, it is empty' };
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(line);
  } catch {
    return { ok: false, rule: 'the header is not valid UTF-8' };
  }
  try {
    const records = parse(text, { relax_column_count: true }) as string[][];
    return { ok: true, columns: records[0] ?? [] };
  } catch (error) {
    return { ok: false, rule: `the header is not valid CSV (${(error as Error).message})` };
  }
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

  /** The first line of the record (of the first `records`) that physical line `line` belongs to. */
  startOfRecordAt(line: number, records: number): number {
    // Record numbers never exceed line numbers, and lineOf grows with the record number.
    let lo = 1;
    let hi = Math.max(Math.min(line, records), 1);
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.lineOf(mid) <= line) lo = mid;
      else hi = mid - 1;
    }
    return this.lineOf(lo);
  }
}

export interface ScanProgress { bytesRead: number; records: number }

/**
 * Passes a CSV file through unchanged except for a leading byte-order mark and blank lines at the very
 * end (both dropped), counting records the way COPY splits them (a newline outside quotes ends one).
 */
export class CsvScanner extends Transform {
  readonly lines = new LineMap();
  /** Records seen so far, the header included. */
  records = 0;
  bytesRead = 0;
  private physicalLine = 1;
  private inQuote = false;
  private atRecordStart = true;
  private first = true;
  private held: Buffer | null = null;
  private readonly hash = createHash('sha256');

  constructor(private readonly onProgress?: (progress: ScanProgress) => void) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.bytesRead += chunk.length;
    this.hash.update(chunk);
    let data = chunk;
    if (this.first) {
      this.first = false;
      if (data.subarray(0, 3).equals(BOM)) data = data.subarray(3);
    }
    if (this.held) {
      data = Buffer.concat([this.held, data]);
      this.held = null;
    }
    // Hold back trailing line ends: if nothing follows them, they are blank lines at the end of the file.
    let end = data.length;
    while (end > 0 && (data[end - 1] === LF || data[end - 1] === CR)) end--;
    if (end < data.length) {
      this.held = Buffer.from(data.subarray(end));
      data = data.subarray(0, end);
    }
    this.scan(data);
    if (data.length > 0) this.push(data);
    this.onProgress?.({ bytesRead: this.bytesRead, records: this.records });
    callback();
  }

  /** A digest of every byte read (once the stream has ended): tells whether a file changed between reads. */
  digest(): string {
    return this.hash.copy().digest('hex');
  }

  /** Records begun so far: the complete ones and one still being read. */
  get recordsBegun(): number {
    return this.records + (this.atRecordStart ? 0 : 1);
  }

  override _flush(callback: TransformCallback): void {
    // A last record not followed by a newline still counts.
    if (!this.atRecordStart) {
      this.records++;
      this.atRecordStart = true;
    }
    this.onProgress?.({ bytesRead: this.bytesRead, records: this.records });
    callback();
  }

  private scan(data: Buffer): void {
    let inQuote = this.inQuote;
    let atRecordStart = this.atRecordStart;
    let records = this.records;
    let line = this.physicalLine;
    for (let i = 0; i < data.length; i++) {
      const b = data[i];
      if (atRecordStart) {
        atRecordStart = false;
        // Record number records + 1 starts on this physical line.
        if (line !== records + 1) this.lines.note(records + 1, line);
      }
      if (b === QUOTE) inQuote = !inQuote;
      else if (b === LF) {
        line++;
        if (!inQuote) {
          records++;
          atRecordStart = true;
        }
      }
    }
    this.inQuote = inQuote;
    this.atRecordStart = atRecordStart;
    this.records = records;
    this.physicalLine = line;
  }
}

export interface ShapeProblem {
  /** Physical line on which the record starts. */
  line: number;
  /** The first missing column, for a record with too few fields. */
  column: string | null;
  rule: string;
}

/** Longer than any sensible record: an unclosed quote, most likely. */
const MAX_SHAPE_RECORD_BYTES = 1 << 20;

/**
 * Every record whose shape COPY refuses: a field count other than the header's, bytes that are not UTF-8.
 * COPY stops at the first; this reads the file once more, only after a COPY has failed, so that every such
 * record is listed (the first `limit`, and the count of all). An unclosed quote ends the list: the rest of
 * the file lies inside it. Blank lines at the very end are not records (the import drops them too).
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
  let carry: Buffer | null = null;
  let first = true;
  let header = true;
  let line = 1; // physical line of the next record's start
  let trailingBlank: number[] = []; // lines of blank records not yet known to be followed by data
  const check = (record: Buffer, startLine: number) => {
    if (header) {
      header = false;
      return;
    }
    let end = record.length;
    if (end > 0 && record[end - 1] === CR) end--;
    if (end === 0) {
      trailingBlank.push(startLine);
      return;
    }
    // A blank line followed by data is a record of one empty field.
    for (const blank of trailingBlank) checkFields(1, blank);
    trailingBlank = [];
    const body = record.subarray(0, end);
    if (!isUtf8(body)) {
      report(startLine, null, 'the file is not valid UTF-8 here');
      return;
    }
    let fields = 1;
    let inQuote = false;
    for (let i = 0; i < body.length; i++) {
      const b = body[i];
      if (b === QUOTE) inQuote = !inQuote;
      else if (b === COMMA && !inQuote) fields++;
    }
    checkFields(fields, startLine);
  };
  const checkFields = (fields: number, startLine: number) => {
    if (fields > columns.length) report(startLine, null, 'the line has more fields than the header');
    else if (fields < columns.length) report(startLine, columns[fields] ?? null, 'the line has fewer fields than the header');
  };
  for await (const chunk of createReadStream(filePath, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    let data: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    carry = null;
    if (first) {
      first = false;
      if (data.subarray(0, 3).equals(BOM)) data = data.subarray(3);
    }
    let start = 0;
    let inQuote = false;
    let newlines = 0;
    for (let i = 0; i < data.length; i++) {
      const b = data[i];
      if (b === QUOTE) inQuote = !inQuote;
      else if (b === LF) {
        if (inQuote) {
          newlines++;
          continue;
        }
        check(data.subarray(start, i), line);
        line += newlines + 1;
        newlines = 0;
        start = i + 1;
      }
    }
    if (start < data.length) {
      if (data.length - start > MAX_SHAPE_RECORD_BYTES) {
        report(line, null, 'a quoted field is not closed (missing ")');
        return { problems, count };
      }
      carry = Buffer.from(data.subarray(start));
    }
  }
  if (carry && carry.length > 0) {
    let quotes = 0;
    for (const b of carry) if (b === QUOTE) quotes++;
    if (quotes % 2 === 1) report(line, null, 'a quoted field is not closed (missing ")');
    else check(carry, line);
  }
  return { problems, count };
}
