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
 * Lines `text` takes when wrapped in a column `columnWidth` units wide: each paragraph (a segment between line
 * breaks) is wrapped at spaces as a spreadsheet application does, a word longer than a line being broken.
 * An empty text takes one line.
 */
export function wrappedLines(text: string, columnWidth: number, font: TextMeasure = {}): number {
  const capacity = charactersPerLine(columnWidth, font);
  let lines = 0;
  for (const paragraph of text.split(/\r?\n/)) {
    let used = 0; // characters on the current line; 0 = the line is empty
    let paragraphLines = 1;
    for (const word of paragraph.split(/\s+/).filter((w) => w !== '')) {
      const needed = used === 0 ? word.length : used + 1 + word.length;
      if (needed <= capacity) {
        used = needed;
        continue;
      }
      if (used > 0) paragraphLines += 1; // the word starts a new line
      // A word longer than a line is broken over as many lines as it needs.
      paragraphLines += Math.ceil(word.length / capacity) - 1;
      used = word.length % capacity || capacity;
    }
    lines += paragraphLines;
  }
  return Math.max(1, lines);
}

/** The height in points of a row whose tallest cell holds `lines` lines of text of the given size. */
export function rowHeightForLines(lines: number, fontSize: number = PRINT_FONT.size): number {
  return Math.max(MIN_ROW_HEIGHT, Math.ceil(lines * fontSize * LINE_HEIGHT_PER_POINT + ROW_PADDING));
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

/**
 * The height a row needs: over its cells whose text wraps, the most lines, at the largest font size of the
 * row. Cells that do not wrap take one line (they run into empty neighbours on the right).
 */
export function rowHeightNeeded(sheet: ExcelJS.Worksheet, row: ExcelJS.Row): number {
  let lines = 1;
  let fontSize: number = PRINT_FONT.size;
  row.eachCell((cell) => {
    if (cell.isMerged && cell.master.address !== cell.address) return;
    const text = cellText(cell);
    const size = cell.font?.size ?? PRINT_FONT.size;
    if (text !== null) fontSize = Math.max(fontSize, size);
    if (text === null || !cell.alignment?.wrapText) return;
    lines = Math.max(lines, wrappedLines(text, cellWidth(sheet, row, cell), { size, bold: cell.font?.bold }));
  });
  return rowHeightForLines(lines, fontSize);
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
    row.height = rowHeightNeeded(sheet, row);
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
    margins: { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
  };
  // In the print font too (a footer names its own font; otherwise the application's default).
  sheet.headerFooter = { oddFooter: '&L&"Arial,Regular"&9&A&R&"Arial,Regular"&9Page &P of &N' };
}
