// The print layout of the workbooks: the wrapped-line estimate, the row heights it gives, and a sheet laid out
// for print (whether a spreadsheet application then prints it cleanly is checked in the browser tests:
// tests/e2e/workbooks-print.e2e.test.ts).
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import {
  addTextRows, CHAR_WIDTH, charactersPerLine, CONTINUED_LABEL, layOutForPrint, MAX_ROW_HEIGHT, maxLinesPerRow, PRINT_FONT,
  rowHeightForLines, rowHeightNeeded, splitForRows, widthForText, wrappedLines,
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

describe('rows that fit a printed page', () => {
  it('never stores a row taller than Excel allows (409 points) or a page holds below its header', () => {
    expect(MAX_ROW_HEIGHT).toBeLessThanOrEqual(409);
    // A4 landscape (595 points) less 0.6 inch margins top and bottom and a header row or two.
    expect(MAX_ROW_HEIGHT).toBeLessThanOrEqual(595 - 2 * 0.6 * 72 - 30);
    expect(rowHeightForLines(500)).toBe(MAX_ROW_HEIGHT);
    expect(rowHeightForLines(maxLinesPerRow())).toBeLessThanOrEqual(MAX_ROW_HEIGHT);
    expect(rowHeightForLines(maxLinesPerRow() + 1)).toBe(MAX_ROW_HEIGHT); // capped: one line more would not fit
  });

  it('splits a long text at spaces and line breaks into parts that each fit a row, losing no word', () => {
    const width = 80; // the Commentary sheet's text column
    expect(wrappedLines(longText, width)).toBeGreaterThan(maxLinesPerRow()); // needs about 615 points in one row
    const parts = splitForRows(longText, width);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(wrappedLines(part, width)).toBeLessThanOrEqual(maxLinesPerRow());
    expect(parts.flatMap(words)).toEqual(words(longText));
    // The line breaks of the text are kept inside the parts.
    expect(parts.join('\n').split('\n').length).toBeGreaterThanOrEqual(longText.split('\n').length);
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
      expect(row.height).toBe(rowHeightNeeded(sheet, row)); // not capped: the text fits
      expect(wrappedLines(String(row.getCell(5).value), 80)).toBeLessThanOrEqual(maxLinesPerRow());
    }
  });

  it('writes a text that fits in one row, as it is', () => {
    const sheet = new ExcelJS.Workbook().addWorksheet('Summary');
    sheet.columns = [{ width: 24 }, { width: 100 }];
    const rows = addTextRows(sheet, ['Data headlines', 'NEET rose.\nFirst time entrants fell.'], { textColumns: [2], labelColumn: 1 });
    expect(rows.map((row) => row.values)).toEqual([[undefined, 'Data headlines', 'NEET rose.\nFirst time entrants fell.']]);
  });
});
