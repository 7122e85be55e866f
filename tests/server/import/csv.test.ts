// The one CSV tokenizer (csv.ts) and what reads through it: records and their lines, whatever the chunks;
// the header; the shape problems listed after COPY refuses a file.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CsvTokenizer, fieldText, listShapeProblems, readHeader, UnclosedQuote, type CsvRecord } from '../../../api/src/import/csv.js';
import { csv, scratchFolder, type Scratch } from './helpers.js';

let scratch: Scratch;
beforeAll(async () => { scratch = await scratchFolder(); });
afterAll(() => scratch.remove());

/** Every record of the bytes fed in chunks of `size`: its line and fields. */
function tokenize(input: string | Buffer, size: number): { line: number; fields: string[]; quoted: boolean }[] {
  const bytes = Buffer.isBuffer(input) ? input : Buffer.from(input, 'utf8');
  const records: { line: number; fields: string[]; quoted: boolean }[] = [];
  const tokenizer = new CsvTokenizer(8, (r: CsvRecord) => {
    records.push({ line: r.line, fields: Array.from({ length: r.count }, (_, i) => fieldText(r, i)), quoted: r.quoted });
  });
  for (let i = 0; i < bytes.length; i += size) tokenizer.write(bytes.subarray(i, i + size));
  tokenizer.end();
  return records;
}

describe('the CSV tokenizer', () => {
  const file = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('a,b,c\r\n1,"x, ""y""",\r\n\r\n2,"two\nlines",z\n3,é,"" \n4,a"b,c"d,e\n\n\n')]);

  it('splits records and fields as COPY does, with their physical lines, in chunks of any size', () => {
    for (const size of [1, 2, 3, 5, 64, 10_000]) {
      expect(tokenize(file, size), `chunks of ${size}`).toEqual([
        { line: 1, fields: ['a', 'b', 'c'], quoted: false },
        { line: 2, fields: ['1', 'x, "y"', ''], quoted: true },
        // A blank line followed by data is a record of one empty field.
        { line: 3, fields: [''], quoted: false },
        { line: 4, fields: ['2', 'two\nlines', 'z'], quoted: true },
        { line: 6, fields: ['3', 'é', ' '], quoted: true },
        // A quote in the middle of a field opens a quoted part, as COPY reads it.
        { line: 7, fields: ['4', 'ab,cd', 'e'], quoted: true },
        // Blank lines at the very end are not records.
      ]);
    }
  });

  it('takes a last record without a line break, and throws on a quote never closed', () => {
    expect(tokenize('a,b\n1,2', 3)).toEqual([
      { line: 1, fields: ['a', 'b'], quoted: false }, { line: 2, fields: ['1', '2'], quoted: false }]);
    expect(() => tokenize('a,b\n1,"2\n3,4\n', 4)).toThrow(UnclosedQuote);
  });
});

describe('the header', () => {
  it('is read with quotes and a byte-order mark', async () => {
    const file = await scratch.write('h.csv', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('"a",b,"c ""d"""\r\n1,2,3\r\n')]));
    expect(await readHeader(file)).toEqual({ ok: true, columns: ['a', 'b', 'c "d"'] });
  });

  it('names what is wrong with it', async () => {
    expect(await readHeader(await scratch.write('e.csv', ''))).toMatchObject({ ok: false, rule: /file is empty/ });
    expect(await readHeader(await scratch.write('b.csv', '\na,b\n'))).toMatchObject({ ok: false, rule: /first line must be the header, it is empty/ });
    expect(await readHeader(await scratch.write('q.csv', 'a,"b\n'))).toMatchObject({ ok: false, rule: /not valid CSV/ });
    expect(await readHeader(await scratch.write('u.csv', Buffer.from([0x61, 0xff, 0x0a])))).toMatchObject({ ok: false, rule: /not valid UTF-8/ });
  });
});

describe('the shape problems', () => {
  it('lists line ends other than the header\'s and NUL bytes, which COPY refuses, by line', async () => {
    const file = await scratch.write('s.csv', Buffer.concat([Buffer.from(csv('a,b', '1,2')), Buffer.from('3,4\r\n5,6\n7,'), Buffer.from([0]),
      Buffer.from('\n8,9\n')]));
    expect((await listShapeProblems(file, ['a', 'b'], 10)).problems).toEqual([
      { line: 3, column: null, rule: expect.stringMatching(/^the line ends differently from the header/) },
      { line: 5, column: null, rule: 'the file is not valid UTF-8 here' },
    ]);
  });
});
