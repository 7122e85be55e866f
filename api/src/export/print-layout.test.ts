// The print layout of the workbooks: the wrapped-line estimate, the row heights it gives, and a sheet laid out
// for print (whether a spreadsheet application then prints it cleanly is checked in the browser tests:
// tests/e2e/workbooks-print.e2e.test.ts).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  addTextRows, CHAR_WIDTH, charactersPerLine, CONTINUED_LABEL, layOutForPrint, MAX_ROW_HEIGHT, maxLinesPerRow, overfullCells,
  PRINT_FONT, rowHeightForLines, rowHeightNeeded, splitForRows, widthForText, wrappedLines,
} from './print-layout.js';

/** The width of a column holding `characters` characters of Arial 10 a line (its inner margin included). */
const columnFor = (characters: number) => 1 + characters * CHAR_WIDTH;

describe('wrappedLines', () => {
  const width = columnFor(10);

  it('counts one line for text that fits, and for an empty text', () => {
    expect(charactersPerLine(width)).toBe(10);
    expect(wrappedLines('', width)).toBe(1);
    expect(wrappedLines('abcdefghij', width)).toBe(1);
  });

  it('wraps at spaces, a word that does not fit starting the next line', () => {
    // "aaaa bbbb" fits (9), "cccc" does not: two lines, where characters alone (14 / 10) would also say two;
    // "aaaaaa bbbbbb" is 13 characters but no word fits beside the other: two lines.
    expect(wrappedLines('aaaa bbbb cccc', width)).toBe(2);
    expect(wrappedLines('aaaaaa bbbbbb cccccc', width)).toBe(3);
  });

  it('breaks a word longer than a line over as many lines as it needs', () => {
    expect(wrappedLines('a'.repeat(25), width)).toBe(3);
    expect(wrappedLines(`${'a'.repeat(25)} bb`, width)).toBe(3); // "aaaaa bb" on the third line
    expect(wrappedLines(`${'a'.repeat(20)} bb`, width)).toBe(3); // the second line is full
  });

  it('adds up the paragraphs of a text with line breaks, an empty paragraph taking a line', () => {
    expect(wrappedLines('one\ntwo\n\nfour', width)).toBe(4);
    expect(wrappedLines('aaaa bbbb cccc\r\ndddd', width)).toBe(3);
    expect(wrappedLines('one\n', width)).toBe(2); // a closing line break shows an empty line
  });

  it('counts spaces as written, but those where a line wraps; breaks at spaces and tabs, never at a no-break space', () => {
    expect(wrappedLines('aaaa bbbb', width)).toBe(1);
    expect(wrappedLines('aaaa    bbbb', width)).toBe(2); // 12 characters with the doubled spaces
    expect(wrappedLines('    aaaa bbbb', width)).toBe(2); // the indentation takes room
    expect(wrappedLines('aaaaaaaaa      bbbbbbbbb', width)).toBe(2); // the spaces hang at the end of the first line
    expect(wrappedLines('aaaaaaaaa\tbbbbbbbbb', width)).toBe(2);
    // "aaaa bbbb cc" wraps as "aaaa" / "bbbb cc" in 6 characters; joined by a no-break space, "aaaa bbbb" is
    // one word, broken where the line is full: "aaaa b" / "bbb cc".
    expect(wrappedLines('aaaa bbbb cc', columnFor(6))).toBe(3);
    expect(wrappedLines('aaaa\u00a0bbbb cc', columnFor(6))).toBe(2);
  });

  it('counts characters by code point (an emoji is one character)', () => {
    expect(wrappedLines('\u{1F600}'.repeat(10), width)).toBe(1);
    expect(wrappedLines('\u{1F600}'.repeat(11), width)).toBe(2);
  });

  it('takes fewer characters a line in bold and in larger type', () => {
    const text = 'x'.repeat(100);
    expect(wrappedLines(text, columnFor(100))).toBe(1);
    expect(wrappedLines(text, columnFor(100), { bold: true })).toBe(2);
    expect(wrappedLines(text, columnFor(100), { size: 14 })).toBe(2);
  });
});

describe('row heights', () => {
  it('gives a line of Arial 10 16 points (its 12.75-point line and a margin), and more lines proportionally more', () => {
    expect(rowHeightForLines(1)).toBe(16);
    expect(rowHeightForLines(2)).toBe(29);
    expect(rowHeightForLines(10)).toBe(131);
    expect(rowHeightForLines(1, 14)).toBe(21);
    expect(rowHeightForLines(500)).toBe(6378); // not capped: what the text needs
  });

  it('takes the tallest wrapped cell of a row; text that does not wrap takes one line', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('S');
    sheet.columns = [{ width: columnFor(10) }, { width: columnFor(20) }, { width: columnFor(10) }];
    const row = sheet.addRow(['aaaa bbbb cccc', 'x '.repeat(30).trim(), 'not wrapped but long, running to the right']);
    row.getCell(1).alignment = { wrapText: true };
    row.getCell(2).alignment = { wrapText: true };
    // Column 2: 20 characters a line, 59 characters in words of one: 3 lines.
    expect(rowHeightNeeded(sheet, row)).toBe(rowHeightForLines(3));
    row.getCell(2).alignment = {};
    expect(rowHeightNeeded(sheet, row)).toBe(rowHeightForLines(2));
  });

  it('gives a merged cell the width of all its columns', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('S');
    sheet.columns = [{ width: columnFor(10) }, { width: 10 * CHAR_WIDTH }, { width: 10 * CHAR_WIDTH }];
    const row = sheet.addRow(['a'.repeat(25)]);
    row.getCell(1).alignment = { wrapText: true };
    expect(rowHeightNeeded(sheet, row)).toBe(rowHeightForLines(3));
    sheet.mergeCells(1, 1, 1, 3); // 30 characters
    expect(rowHeightNeeded(sheet, row)).toBe(rowHeightForLines(1));
  });
});

describe('widthForText', () => {
  it('fits the longest text on one line, within its bounds', () => {
    // 30 characters and 2 units of margin.
    expect(widthForText(['eh_closed_positive_outcome_pct', 'neet'])).toBe(Math.ceil(30 * CHAR_WIDTH + 2));
    expect(widthForText(['neet'], { min: 14 })).toBe(14);
    expect(widthForText(['x'.repeat(100)], { max: 60 })).toBe(60);
  });
});

describe('layOutForPrint', () => {
  it('sets the print font, top alignment and heights of wrapped rows, A4 landscape one page wide and the footer', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('Definitions');
    sheet.columns = [{ width: columnFor(10) }, { width: columnFor(10) }];
    const header = sheet.addRow(['Code', 'Definition']);
    header.font = { bold: true };
    const line = sheet.addRow(['a_code', 'aaaa bbbb cccc dddd']);
    line.alignment = { wrapText: true };
    layOutForPrint(sheet, 1);
    expect(header.getCell(1).font).toMatchObject({ name: PRINT_FONT.name, size: PRINT_FONT.size, bold: true });
    expect(line.getCell(2).alignment).toMatchObject({ wrapText: true, vertical: 'top' });
    expect(header.height).toBe(16);
    expect(line.height).toBe(rowHeightForLines(2));
    expect(sheet.pageSetup).toMatchObject({
      paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: '1:1',
    });
    expect(sheet.headerFooter.oddFooter).toMatch(/&A.*Page &P of &N$/);
  });
});

/** A commentary as long as the form takes (4,000 characters), in paragraphs of sentences. */
const longText = (() => {
  const sentence = 'The figure is behind its target this month because fewer workers were in post over the summer. ';
  let text = '';
  for (let i = 0; text.length + sentence.length <= 4000; i += 1) text += (i % 8 === 7 ? `${sentence.trim()}\n` : sentence);
  return text.trim();
})();
const words = (text: string) => text.split(/\s+/).filter((w) => w !== '');
/** A UTF-16 unit of a surrogate pair without its other half. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** splitForRows(text, width), checked: more than one part, each fitting a row, whole characters, joined the text. */
function splitExactly(text: string, width: number): string[] {
  const parts = splitForRows(text, width);
  expect(parts.length).toBeGreaterThan(1);
  for (const part of parts) {
    expect(wrappedLines(part, width)).toBeLessThanOrEqual(maxLinesPerRow());
    expect(part).not.toMatch(LONE_SURROGATE);
  }
  expect(parts.join('')).toBe(text);
  return parts;
}

describe('rows that fit a printed page', () => {
  it('never stores a row taller than Excel allows (409 points) or a page holds below its header', () => {
    expect(MAX_ROW_HEIGHT).toBeLessThanOrEqual(409);
    // A4 landscape (595 points) less 0.6 inch margins top and bottom and a header row or two.
    expect(MAX_ROW_HEIGHT).toBeLessThanOrEqual(595 - 2 * 0.6 * 72 - 30);
    expect(rowHeightForLines(maxLinesPerRow())).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
    expect(rowHeightForLines(maxLinesPerRow() + 1)).toBeGreaterThan(MAX_ROW_HEIGHT); // one line more would not fit
    expect(rowHeightForLines(maxLinesPerRow(14), 14)).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
    expect(rowHeightForLines(maxLinesPerRow(14) + 1, 14)).toBeGreaterThan(MAX_ROW_HEIGHT);
  });

  it('refuses to lay out a sheet with a wrapped text longer than a row holds, rather than store a row that cuts it', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('Commentary');
    sheet.columns = [14, 80].map((width) => ({ width }));
    sheet.addRow(['Code', 'Commentary']);
    const row = sheet.addRow(['neet', longText]); // written without addTextRows
    row.alignment = { vertical: 'top', wrapText: true };
    const lines = wrappedLines(longText, 80);
    expect(lines).toBeGreaterThan(maxLinesPerRow());
    expect(rowHeightNeeded(sheet, row)).toBe(rowHeightForLines(lines)); // what it needs, above MAX_ROW_HEIGHT
    expect(overfullCells(sheet)).toEqual([{ address: 'B2', lines, maxLines: maxLinesPerRow() }]);
    expect(() => layOutForPrint(sheet, 1))
      .toThrow(`Sheet "Commentary": cell B2 needs ${lines} lines, more than a row may hold (${maxLinesPerRow()}); write its text with addTextRows`);
    // Not wrapped, the same text is one line running to the right: nothing to refuse.
    row.alignment = {};
    expect(overfullCells(sheet)).toEqual([]);
  });

  it('splits a long text at spaces and line breaks into parts that each fit a row, losing no word', () => {
    const width = 80; // the Commentary sheet's text column
    expect(wrappedLines(longText, width)).toBeGreaterThan(maxLinesPerRow()); // needs about 615 points in one row
    const parts = splitExactly(longText, width);
    expect(parts.flatMap(words)).toEqual(words(longText));
    // Cut where a line wraps: every part but the last ends with the space or line break it was cut at.
    for (const part of parts.slice(0, -1)) expect(part).toMatch(/[ \n]$/);
  });

  it('keeps the text exactly: indentation, doubled spaces and tabs, no-break spaces, blank lines', () => {
    const width = 80;
    const list = Array.from({ length: 40 }, (_, n) => `Action ${n + 1}:\n  - recruit two workers  (agreed)\n\t- review cases weekly\n\n\n`).join('');
    splitExactly(list, width);
    splitExactly(`${'The figure  is behind.  '.repeat(200)}`, width);
    const amounts = Array.from({ length: 300 }, (_, n) => `£${n}\u00a0000 for\u00a0item\u00a0${n}`).join(' ');
    for (const part of splitExactly(amounts, width)) expect(part).not.toMatch(/£\d+ 000/); // never broken at the no-break space
    splitExactly(`Opening line\n${'\n'.repeat(100)}closing line`, width);
  });

  it('never cuts a character in two: a word longer than a row is cut by code point, an emoji kept whole', () => {
    const width = columnFor(20);
    // The row's last character an emoji (two UTF-16 units): a cut by UTF-16 offset would split it.
    const perRow = 20 * maxLinesPerRow();
    const text = `${'a'.repeat(perRow - 1)}\u{1F600}${'b'.repeat(300)}`;
    const parts = splitExactly(text, width);
    expect(parts[0]!.endsWith('\u{1F600}')).toBe(true);
    splitExactly('\u{1F600}'.repeat(2000), width);
  });

  it('returns a text that fits as it is, and breaks a word longer than a line only as wrapping does', () => {
    expect(splitForRows('short  text\n\nkept as  written', 80)).toEqual(['short  text\n\nkept as  written']);
    const long = 'x'.repeat(20 * 200); // 200 lines of 20 characters
    const parts = splitForRows(long, columnFor(20));
    for (const part of parts) expect(wrappedLines(part, columnFor(20))).toBeLessThanOrEqual(maxLinesPerRow());
    expect(parts.join('')).toBe(long);
  });

  it('writes a long text on continuation rows that say nothing but the text and "(continued)"', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('Commentary');
    sheet.columns = [14, 36, 16, 11, 80, 18].map((width) => ({ width }));
    sheet.addRow(['Code', 'Indicator', 'Geography', 'State', 'Commentary', 'Written by']);
    const rows = addTextRows(sheet, ['neet', 'NEET', 'Kent', 'approved', longText, 'Sam Writer'], { textColumns: [5], labelColumn: 2 });
    for (const row of rows) row.alignment = { vertical: 'top', wrapText: true };
    expect(rows.length).toBeGreaterThan(1);
    expect([1, 2, 3, 4, 5, 6].map((column) => rows[0]!.getCell(column).value))
      .toEqual(['neet', 'NEET', 'Kent', 'approved', expect.any(String), 'Sam Writer']);
    for (const row of rows.slice(1)) {
      const cells = [1, 2, 3, 4, 5, 6].map((column) => row.getCell(column).value ?? null);
      expect(cells).toEqual([null, CONTINUED_LABEL, null, null, expect.any(String), null]);
    }
    expect(rows.flatMap((row) => words(String(row.getCell(5).value)))).toEqual(words(longText));
    layOutForPrint(sheet, 1);
    for (const row of rows) {
      expect(row.height).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
      // What the text needs (never capped), so this fails where a text does not fit a row.
      expect(row.height).toBe(rowHeightNeeded(sheet, row));
      expect(wrappedLines(String(row.getCell(5).value), 80)).toBeLessThanOrEqual(maxLinesPerRow());
    }
    expect(overfullCells(sheet)).toEqual([]);
    expect(rows.map((row) => row.getCell(5).value).join('')).toBe(longText);
  });

  it('writes a text that fits in one row, as it is', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('Summary');
    sheet.columns = [{ width: 24 }, { width: 100 }];
    const rows = addTextRows(sheet, ['Data headlines', 'NEET rose.\nFirst time entrants fell.'], { textColumns: [2], labelColumn: 1 });
    expect(rows.map((row) => row.values)).toEqual([[undefined, 'Data headlines', 'NEET rose.\nFirst time entrants fell.']]);
  });
});
