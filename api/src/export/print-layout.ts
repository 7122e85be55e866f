// How every workbook the product makes is laid out for print (the scorecard export and the board pack's
// workbook): one font, explicit row heights for wrapped text, A4 landscape one page wide, the header repeated.
// exceljs stores no row height unless told, and a spreadsheet application keeps the default height of a row
// it is given: wrapped text then runs over the rows below (LibreOffice) or is cut. So the heights are
// estimated here, from the text, the column widths and the font, and stored with the rows.
import type ExcelJS from 'exceljs';

/**
 * The font of every cell: Arial is in Excel everywhere, and LibreOffice draws it with Liberation Sans, whose
 * letters have the same widths — so the line estimate below holds in both (Calibri, exceljs' default, falls
 * back to a wider font in LibreOffice when Carlito is not installed).
 */
export const PRINT_FONT = { name: 'Arial', size: 10 } as const;

/**
 * Column width units (the width of a digit of the workbook's default font, Calibri 11: 7 pixels in Excel)
 * that one character of Arial 10 takes, on average over English text (about 6.3 pixels), with a margin for
 * capitals and wide letters. LibreOffice's units are a little wider, which only leaves room. Bold is wider.
 */
export const CHAR_WIDTH = 0.9;
const BOLD_FACTOR = 1.1;
/** Width units a cell loses to its inner margins. */
const CELL_PADDING = 1;
/** Points a line of text takes, per point of font size (Arial 10: 12.75 pt, Excel's own row height for it). */
const LINE_HEIGHT_PER_POINT = 1.275;
/** Points added above and below the text of a row. */
const ROW_PADDING = 3;
const MIN_ROW_HEIGHT = 15;
/** Excel's tallest row, in points. */
const EXCEL_MAX_ROW_HEIGHT = 409;
/** The page setup of every sheet (layOutForPrint): A4 landscape, margins in inches. */
const PAGE_MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
const A4_LANDSCAPE_HEIGHT = 595; // points
/** Room kept on every page for the repeated header rows. */
const HEADER_ROWS_ALLOWANCE = 60;
const PRINTABLE_HEIGHT = A4_LANDSCAPE_HEIGHT - (PAGE_MARGINS.top + PAGE_MARGINS.bottom) * 72 - HEADER_ROWS_ALLOWANCE;
/** The tallest row stored: it fits Excel and a printed page (about 449 points), whichever is less. */
export const MAX_ROW_HEIGHT = Math.min(EXCEL_MAX_ROW_HEIGHT, PRINTABLE_HEIGHT);

export interface TextMeasure {
  /** Font size in points (default PRINT_FONT.size). */
  size?: number;
  bold?: boolean;
}

/** Characters of the given font that fit on one line of a column `columnWidth` units wide. */
export function charactersPerLine(columnWidth: number, font: TextMeasure = {}): number {
  const perChar = CHAR_WIDTH * ((font.size ?? PRINT_FONT.size) / PRINT_FONT.size) * (font.bold ? BOLD_FACTOR : 1);
  // (The small addition keeps 9 / 0.9 from coming out as 9.999….)
  return Math.max(1, Math.floor((columnWidth - CELL_PADDING) / perChar + 1e-9));
}

/**
 * Where a printed line of a wrapped text starts in the text (a UTF-16 offset), and whether a line break stands
 * before it (it starts a paragraph; the first line of the text does not count as after a break).
 */
interface WrappedLine {
  start: number;
  afterBreak: boolean;
}

/** Code points in `text` (the unit of the width estimate, so that an emoji counts as one character). */
function codePoints(text: string): number {
  let count = 0;
  for (const _ of text) count += 1;
  return count;
}

/** The UTF-16 offset `count` code points into `text` from `from` (never inside a surrogate pair). */
function advanceCodePoints(text: string, from: number, count: number): number {
  let offset = from;
  for (let n = 0; n < count && offset < text.length; n += 1) offset += (text.codePointAt(offset)! > 0xffff ? 2 : 1);
  return offset;
}

/**
 * `text` wrapped in a column `columnWidth` units wide, as the start of each printed line in it: each paragraph
 * (a segment between line breaks) is wrapped at runs of spaces and tabs as a spreadsheet application does —
 * never at a no-break space — a word longer than a line being broken by code point. Spaces count as written
 * (indentation and doubled spaces take room), except where a line wraps: those hang at its end, taking no room.
 * An empty text, and an empty paragraph, take one (empty) line.
 */
function wrapLines(text: string, columnWidth: number, font: TextMeasure = {}): WrappedLine[] {
  const capacity = charactersPerLine(columnWidth, font);
  const lines: WrappedLine[] = [];
  const paragraphBreak = /\r?\n/g;
  let paragraphStart = 0;
  for (;;) {
    const found = paragraphBreak.exec(text);
    const paragraphEnd = found ? found.index : text.length;
    lines.push({ start: paragraphStart, afterBreak: paragraphStart > 0 });
    let used = 0; // characters on the current line
    let gap = 0; // characters of the run of spaces before the next word
    const token = /[ \t]+|[^ \t]+/g;
    const paragraph = text.slice(paragraphStart, paragraphEnd);
    for (let match = token.exec(paragraph); match; match = token.exec(paragraph)) {
      const size = codePoints(match[0]);
      if (/^[ \t]/.test(match[0])) {
        gap = size;
        continue;
      }
      const wordStart = paragraphStart + match.index;
      if (used + gap + size <= capacity) {
        used += gap + size;
        gap = 0;
        continue;
      }
      if (used + gap > 0) lines.push({ start: wordStart, afterBreak: false }); // the word starts a new line
      gap = 0;
      // A word longer than a line is broken over as many lines as it needs.
      let rest = size;
      let offset = wordStart;
      while (rest > capacity) {
        offset = advanceCodePoints(text, offset, capacity);
        lines.push({ start: offset, afterBreak: false });
        rest -= capacity;
      }
      used = rest;
    }
    if (!found) return lines;
    paragraphStart = found.index + found[0].length;
  }
}

/** Lines `text` takes when wrapped in a column `columnWidth` units wide (see wrapLines). */
export function wrappedLines(text: string, columnWidth: number, font: TextMeasure = {}): number {
  return wrapLines(text, columnWidth, font).length;
}

/**
 * The height in points of a row whose tallest cell holds `lines` lines of text of the given size, however tall
 * (not capped: a text that needs more than MAX_ROW_HEIGHT must go on continuation rows, addTextRows, and
 * layOutForPrint refuses a sheet where it does not).
 */
export function rowHeightForLines(lines: number, fontSize: number = PRINT_FONT.size): number {
  return Math.max(MIN_ROW_HEIGHT, Math.ceil(lines * fontSize * LINE_HEIGHT_PER_POINT + ROW_PADDING));
}

/**
 * The most lines of text of the given size a row may hold: a row cannot be split over pages (a taller one is
 * cut in print), so it must fit the printable height of a page below the repeated header rows, and Excel
 * refuses rows over 409 points.
 */
export function maxLinesPerRow(fontSize: number = PRINT_FONT.size): number {
  return Math.floor((MAX_ROW_HEIGHT - ROW_PADDING) / (fontSize * LINE_HEIGHT_PER_POINT));
}

/**
 * `text` cut into parts each of which fits one row of a column `columnWidth` units wide (maxLinesPerRow),
 * where the text wraps: at a line break or a run of spaces or tabs, inside a word only where the word is longer
 * than a line. Each part is a slice of the text, so `parts.join('') === text` exactly (indentation, doubled
 * spaces, no-break spaces, blank lines kept): the spaces or the line break at a cut end the earlier part
 * (spaces hang at the end of its last line; a line break shows as one more, empty, line there, which the part
 * leaves room for). A text that fits is returned whole.
 */
export function splitForRows(text: string, columnWidth: number, font: TextMeasure = {}): string[] {
  const lines = wrapLines(text, columnWidth, font);
  const perRow = maxLinesPerRow(font.size);
  const startOf = (line: number) => (line < lines.length ? lines[line]!.start : text.length);
  // Lines shown by the part from line `first` up to line `next`: a part cut before a paragraph ends with a break.
  const shown = (first: number, next: number) => next - first + (next < lines.length && lines[next]!.afterBreak ? 1 : 0);
  const parts: string[] = [];
  for (let first = 0; first < lines.length;) {
    let next = Math.min(lines.length, first + perRow);
    while (next > first + 1 && shown(first, next) > perRow) next -= 1;
    parts.push(text.slice(startOf(first), startOf(next)));
    first = next;
  }
  return parts;
}

/** What the first text-free column of a continuation row says. */
export const CONTINUED_LABEL = '(continued)';

/**
 * Adds a row of `values` holding free text in the columns `textColumns` (1-based; their widths already set):
 * where a text needs more lines than a row may hold (splitForRows), the row takes its first part and
 * continuation rows below take the rest, empty but for the text and CONTINUED_LABEL in `labelColumn`.
 * Returns the rows added, the full row first; the caller styles them (wrapped text, fonts).
 */
export function addTextRows(
  sheet: ExcelJS.Worksheet, values: ExcelJS.CellValue[],
  options: { textColumns: number[]; labelColumn?: number; font?: TextMeasure },
): ExcelJS.Row[] {
  const parts = new Map(options.textColumns.map((column) => {
    const value = values[column - 1];
    return [column, typeof value === 'string' ? splitForRows(value, columnWidth(sheet, column), options.font) : [value]] as const;
  }));
  const rowCount = Math.max(1, ...[...parts.values()].map((p) => p.length));
  const rows: ExcelJS.Row[] = [];
  for (let index = 0; index < rowCount; index += 1) {
    // Dense (exceljs reads an array with a hole at index 0 as numbered from 1).
    const rowValues: ExcelJS.CellValue[] = index === 0 ? [...values] : values.map(() => null);
    if (index > 0 && options.labelColumn) rowValues[options.labelColumn - 1] = CONTINUED_LABEL;
    for (const [column, columnParts] of parts) rowValues[column - 1] = columnParts[index] ?? null;
    rows.push(sheet.addRow(rowValues));
  }
  return rows;
}

/** The text a cell shows (rich text joined; numbers as written), or null for an empty cell. */
function cellText(cell: ExcelJS.Cell): string | null {
  const { value } = cell;
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && 'richText' in value) return value.richText.map((run) => run.text).join('');
  return String(cell.text);
}

/** A column's width in units (exceljs leaves unset widths undefined: Excel's default is about 9). */
function columnWidth(sheet: ExcelJS.Worksheet, column: number): number {
  return sheet.getColumn(column).width ?? 9;
}

/** The width a cell's text has: its column, or all the columns of the merged range it starts. */
function cellWidth(sheet: ExcelJS.Worksheet, row: ExcelJS.Row, cell: ExcelJS.Cell): number {
  let width = columnWidth(sheet, Number(cell.col));
  for (let column = Number(cell.col) + 1; column <= sheet.columnCount; column += 1) {
    const next = row.getCell(column);
    if (!next.isMerged || next.master.address !== cell.address) break;
    width += columnWidth(sheet, column);
  }
  return width;
}

/** What a cell with text takes in print: its lines (one where it does not wrap) at its font size. */
interface CellNeed {
  cell: ExcelJS.Cell;
  lines: number;
  size: number;
}

/** The need of every cell of `row` holding text (a merged range counted once, at its first cell). */
function cellNeeds(sheet: ExcelJS.Worksheet, row: ExcelJS.Row): CellNeed[] {
  const needs: CellNeed[] = [];
  row.eachCell((cell) => {
    if (cell.isMerged && cell.master.address !== cell.address) return;
    const text = cellText(cell);
    if (text === null) return;
    const size = cell.font?.size ?? PRINT_FONT.size;
    // Cells that do not wrap take one line (they run into empty neighbours on the right).
    const lines = cell.alignment?.wrapText ? wrappedLines(text, cellWidth(sheet, row, cell), { size, bold: cell.font?.bold }) : 1;
    needs.push({ cell, lines, size });
  });
  return needs;
}

/**
 * The height a row needs for all its text: over its cells, the tallest (its lines at its font size). Not
 * capped: more than MAX_ROW_HEIGHT means text that a stored row would cut (see overfullCells).
 */
export function rowHeightNeeded(sheet: ExcelJS.Worksheet, row: ExcelJS.Row): number {
  return Math.max(rowHeightForLines(1), ...cellNeeds(sheet, row).map((need) => rowHeightForLines(need.lines, need.size)));
}

/**
 * The wrapped cells of `sheet` that need more lines than a row may hold (maxLinesPerRow at their font size):
 * printed, their text would be cut. None where every free text is written with addTextRows.
 */
export function overfullCells(sheet: ExcelJS.Worksheet): { address: string; lines: number; maxLines: number }[] {
  const overfull: { address: string; lines: number; maxLines: number }[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    for (const { cell, lines, size } of cellNeeds(sheet, row)) {
      if (lines > maxLinesPerRow(size)) overfull.push({ address: cell.address, lines, maxLines: maxLinesPerRow(size) });
    }
  });
  return overfull;
}

/** The width (in units) a column needs for the longest of `texts` on one line, bounded by min and max. */
export function widthForText(texts: Iterable<string>, options: { min?: number; max?: number; bold?: boolean } = {}): number {
  let longest = 0;
  for (const text of texts) longest = Math.max(longest, ...text.split('\n').map((line) => line.length));
  const width = Math.ceil(longest * CHAR_WIDTH * (options.bold ? BOLD_FACTOR : 1) + CELL_PADDING + 1);
  return Math.min(options.max ?? Infinity, Math.max(options.min ?? 0, width));
}

/**
 * Makes a finished sheet print cleanly: every cell in the print font, wrapped cells aligned to the top, each
 * row as tall as its wrapped text, A4 landscape fitted to one page wide (as many pages down as needed), the
 * first `headerRows` rows repeated on every page, and a footer with the sheet's name and page numbers.
 */
export function layOutForPrint(sheet: ExcelJS.Worksheet, headerRows: number) {
  sheet.eachRow({ includeEmpty: false }, (row) => {
    row.eachCell((cell) => {
      cell.font = { ...cell.font, name: PRINT_FONT.name, size: cell.font?.size ?? PRINT_FONT.size };
      if (cell.alignment?.wrapText) cell.alignment = { ...cell.alignment, vertical: 'top' };
    });
  });
  // A text cut in print is a writer's mistake (free text goes through addTextRows), not something to hide.
  const overfull = overfullCells(sheet);
  if (overfull.length > 0) {
    throw new Error(`Sheet "${sheet.name}": ${overfull.map((c) => `cell ${c.address} needs ${c.lines} lines`).join(', ')}, ` +
      `more than a row may hold (${overfull[0]!.maxLines}); write its text with addTextRows`);
  }
  sheet.eachRow({ includeEmpty: false }, (row) => {
    // The cap changes nothing now but for a one-line cell in a font too large for any row.
    row.height = Math.min(MAX_ROW_HEIGHT, rowHeightNeeded(sheet, row));
  });
  sheet.pageSetup = {
    ...sheet.pageSetup,
    paperSize: 9, // A4
    orientation: 'landscape',
    fitToPage: true,
    fitToWidth: 1,
    fitToHeight: 0, // as many pages down as the rows need
    printTitlesRow: headerRows > 0 ? `1:${headerRows}` : undefined,
    horizontalCentered: false,
    margins: PAGE_MARGINS,
  };
  // In the print font too (a footer names its own font; otherwise the application's default).
  sheet.headerFooter = { oddFooter: '&L&"Arial,Regular"&9&A&R&"Arial,Regular"&9Page &P of &N' };
}
