// Reading a PDF back with Debian's poppler-utils (pdftotext, pdfinfo, pdftoppm). Missing tools fail the test
// with what to install: a board pack that cannot be read back is not tested.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

function poppler(tool: 'pdftotext' | 'pdfinfo' | 'pdftoppm', args: string[]): string {
  try {
    return execFileSync(tool, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new Error(`${tool} is not installed: install Debian's poppler-utils (apt-get install poppler-utils) to read the board pack back`);
    }
    throw error;
  }
}

function withFile<T>(pdf: Buffer, use: (file: string, dir: string) => T): T {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'ehps-pdf-'));
  try {
    const file = path.join(dir, 'pack.pdf');
    writeFileSync(file, pdf);
    return use(file, dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The text of every page (layout kept), one string per page. */
export function pdfPages(pdf: Buffer): string[] {
  return withFile(pdf, (file) => {
    const text = poppler('pdftotext', ['-layout', '-enc', 'UTF-8', file, '-']);
    const pages = text.split('\f');
    if (pages[pages.length - 1]!.trim() === '') pages.pop();
    return pages;
  });
}

/** pdfinfo's fields (Pages, Tagged, Page size, Title, …). */
export function pdfInfo(pdf: Buffer): Record<string, string> {
  return withFile(pdf, (file) => Object.fromEntries(
    poppler('pdfinfo', [file]).split('\n').filter((line) => line.includes(':'))
      .map((line) => [line.slice(0, line.indexOf(':')).trim(), line.slice(line.indexOf(':') + 1).trim()]),
  ));
}

/** One page rendered to a PNG file at `out`. */
export function renderPage(pdf: Buffer, page: number, out: string): Buffer {
  return withFile(pdf, (file, dir) => {
    const prefix = path.join(dir, 'page');
    poppler('pdftoppm', ['-png', '-r', '70', '-f', String(page), '-l', String(page), '-singlefile', file, prefix]);
    const png = readFileSync(`${prefix}.png`);
    writeFileSync(out, png);
    return png;
  });
}
