// Printing a workbook as a spreadsheet application does, and reading the print back: LibreOffice Calc
// (headless) converts the .xlsx to PDF, poppler's pdftotext gives every word with its box, pdftoppm draws a
// page. The checks say what a reader of the printed workbook would see wrong: text cut or running over other
// text, a sheet continued on a page to the right.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { rowHeightNeeded } from '../../api/src/export/print-layout.js';

/**
 * Set (to 1) where the print check must run — CI (.ci/run) sets it —: missing tools then fail the test, where
 * elsewhere (a developer's machine without LibreOffice) they skip it with a message.
 */
export const PRINT_TOOLS_REQUIRED_VARIABLE = 'EHPS_REQUIRE_PRINT_TOOLS';
export const printToolsRequired = () => process.env[PRINT_TOOLS_REQUIRED_VARIABLE] === '1';

/** Why the workbooks cannot be printed here (no LibreOffice, no poppler), or null when they can. */
export function printToolsMissing(): string | null {
  for (const [tool, flag, pkg] of [['soffice', '--version', 'libreoffice-calc-nogui'], ['pdftotext', '-v', 'poppler-utils'], ['pdftoppm', '-v', 'poppler-utils']] as const) {
    const run = spawnSync(tool, [flag], { encoding: 'utf8', timeout: 60_000 });
    if (run.error) return `${tool} is not installed (Debian: apt-get install ${pkg}); .ci/run installs it`;
  }
  return null;
}

/** The workbook printed to PDF by LibreOffice Calc, with a profile of its own (parallel runs do not clash). */
export function printWithLibreOffice(xlsx: Buffer, name: string, workDir: string): Buffer {
  const input = path.join(workDir, `${name}.xlsx`);
  writeFileSync(input, xlsx);
  const profile = mkdtempSync(path.join(os.tmpdir(), 'ehps-lo-profile-'));
  try {
    const run = spawnSync('soffice', [
      `-env:UserInstallation=file://${profile}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', workDir, input,
    ], { encoding: 'utf8', timeout: 180_000, killSignal: 'SIGKILL' });
    if (run.error || run.status !== 0) {
      throw new Error(`LibreOffice did not convert ${name}.xlsx: ${run.error?.message ?? `exit ${run.status}`}\n${run.stderr}`);
    }
    return readFileSync(path.join(workDir, `${name}.pdf`));
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
}

export interface Box { xMin: number; yMin: number; xMax: number; yMax: number }
export interface Word extends Box { text: string }
export interface PrintedPage { number: number; width: number; height: number; words: Word[] }

const attribute = (tag: string, name: string) => Number(new RegExp(`${name}="([^"]+)"`).exec(tag)![1]);
const box = (tag: string): Box => ({
  xMin: attribute(tag, 'xMin'), yMin: attribute(tag, 'yMin'), xMax: attribute(tag, 'xMax'), yMax: attribute(tag, 'yMax'),
});
const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"')
  .replace(/&apos;/g, "'").replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** Every page's words with their boxes (points, origin top left), from pdftotext -bbox-layout. */
export function printedPages(pdf: Buffer, workDir: string): PrintedPage[] {
  const file = path.join(workDir, 'read-back.pdf');
  writeFileSync(file, pdf);
  const xhtml = execFileSync('pdftotext', ['-bbox-layout', '-enc', 'UTF-8', file, '-'], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  return xhtml.split('<page ').slice(1).map((chunk, i) => ({
    number: i + 1,
    width: attribute(chunk, 'width'),
    height: attribute(chunk, 'height'),
    words: [...chunk.matchAll(/<word ([^>]*)>([^<]*)<\/word>/g)].map((m) => ({ ...box(m[1]!), text: unescape(m[2]!).normalize('NFKC') })),
  }));
}

/** Page `number` drawn as a PNG at `out`. */
export function drawPage(pdf: Buffer, number: number, out: string, workDir: string) {
  const file = path.join(workDir, 'draw.pdf');
  writeFileSync(file, pdf);
  const prefix = path.join(workDir, 'page');
  execFileSync('pdftoppm', ['-png', '-r', '80', '-f', String(number), '-l', String(number), '-singlefile', file, prefix]);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, readFileSync(`${prefix}.png`));
}

// What the workbook holds -----------------------------------------------------------------------------------

export interface SheetText {
  name: string;
  /** The text of every cell of the sheet's first column (what each of its printed pages starts with). */
  firstColumn: string[];
  /** The text of every cell holding text: a reader must find each whole in print. */
  texts: string[];
  /** The tallest stored row height in points (0 when none is stored). */
  tallestRow: number;
  /** The most any row's text needs, in points, estimated as the layout does but never capped (rowHeightNeeded). */
  tallestNeed: number;
}

function cellText(cell: ExcelJS.Cell): string {
  const { value } = cell;
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && 'richText' in value) return value.richText.map((r) => r.text).join('');
  return '';
}

export async function workbookTexts(xlsx: Buffer): Promise<SheetText[]> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(xlsx as unknown as ArrayBuffer);
  return workbook.worksheets.map((sheet) => {
    const firstColumn: string[] = [];
    const texts: string[] = [];
    let tallestRow = 0;
    let tallestNeed = 0;
    sheet.eachRow((row) => {
      tallestRow = Math.max(tallestRow, row.height ?? 0);
      tallestNeed = Math.max(tallestNeed, rowHeightNeeded(sheet, row));
      row.eachCell((cell) => {
        if (cell.isMerged && cell.master.address !== cell.address) return;
        const text = cellText(cell).trim();
        if (text === '') return;
        const column = Number(cell.col);
        if (column === 1) firstColumn.push(text);
        texts.push(text);
      });
    });
    return { name: sheet.name, firstColumn, texts, tallestRow, tallestNeed };
  });
}

// The checks ------------------------------------------------------------------------------------------------

const words = (text: string) => text.normalize('NFKC').split(/\s+/).filter((w) => w !== '');

/** The footer's words: the line ending "Page n of m" (the sheet's name is on its left). */
function footerWords(page: PrintedPage): Word[] {
  const isPage = (w: Word | undefined, i: number) => w?.text === 'Page' && /^\d+$/.test(page.words[i + 1]?.text ?? '')
    && page.words[i + 2]?.text === 'of' && /^\d+$/.test(page.words[i + 3]?.text ?? '');
  const at = page.words.findLastIndex((w, i) => isPage(w, i));
  if (at < 0) throw new Error(`page ${page.number}: no footer "Page n of m"`);
  const baseline = page.words[at]!.yMax;
  return page.words.filter((w) => Math.abs(w.yMax - baseline) < 1);
}

/** The pages of each sheet, by the sheet name in their footer. */
export function pagesBySheet(pages: PrintedPage[], sheetNames: string[]): Map<string, PrintedPage[]> {
  const bySheet = new Map<string, PrintedPage[]>(sheetNames.map((name) => [name, []]));
  // Longest names first: "By district" before a sheet called "By".
  const names = [...sheetNames].sort((a, b) => b.length - a.length);
  for (const page of pages) {
    const footer = footerWords(page).sort((a, b) => a.xMin - b.xMin).map((w) => w.text).join(' ');
    const sheet = names.find((name) => footer.startsWith(`${name} `));
    if (!sheet) throw new Error(`page ${page.number}: no footer naming its sheet (found '${footer}')`);
    bySheet.get(sheet)!.push(page);
  }
  return bySheet;
}

/** The words of a page without its footer. */
export function bodyWords(page: PrintedPage): Word[] {
  const footer = new Set(footerWords(page));
  return page.words.filter((w) => !footer.has(w));
}

/**
 * Pairs of words on a page whose boxes overlap: text running over other text (wrapped text taller than its
 * row, or longer than its cell beside a filled one). Boxes that only touch do not count.
 */
export function overlappingWords(page: PrintedPage): [Word, Word][] {
  const sorted = [...page.words].sort((a, b) => a.yMin - b.yMin);
  const found: [Word, Word][] = [];
  for (let i = 0; i < sorted.length; i += 1) {
    const a = sorted[i]!;
    for (let j = i + 1; j < sorted.length && sorted[j]!.yMin < a.yMax; j += 1) {
      const b = sorted[j]!;
      const height = Math.min(a.yMax, b.yMax) - Math.max(a.yMin, b.yMin);
      const width = Math.min(a.xMax, b.xMax) - Math.max(a.xMin, b.xMin);
      const smaller = Math.min(a.yMax - a.yMin, b.yMax - b.yMin);
      if (height > 0.25 * smaller && width > 0.25 * smaller) found.push([a, b]);
    }
  }
  return found;
}

/** The cells' words not found in print (each word counted as often as the cells hold it). */
export function missingWords(texts: string[], pages: PrintedPage[]): string[] {
  const printed = new Map<string, number>();
  for (const page of pages) for (const word of page.words) printed.set(word.text, (printed.get(word.text) ?? 0) + 1);
  const missing: string[] = [];
  for (const text of texts) {
    for (const word of words(text)) {
      const left = printed.get(word) ?? 0;
      if (left > 0) printed.set(word, left - 1);
      else missing.push(word);
    }
  }
  return missing;
}

/**
 * Pages that do not show the sheet's first column: a right-hand continuation of a sheet wider than the page
 * (each page must start, at its left margin, with a word of one of the first column's cells).
 */
export function pagesWithoutFirstColumn(sheet: SheetText, pages: PrintedPage[]): number[] {
  const firstWords = new Set(sheet.firstColumn.map((text) => words(text)[0]!));
  return pages.filter((page) => {
    const body = bodyWords(page);
    const left = Math.min(...body.map((w) => w.xMin));
    return !body.some((w) => w.xMin < left + 3 && firstWords.has(w.text));
  }).map((page) => page.number);
}
