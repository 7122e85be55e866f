// CSV as the exports write it: UTF-8 with a byte-order mark (so Excel reads the encoding), CRLF line
// ends, RFC 4180 quoting, one header row. Numbers are written unrounded; text that a spreadsheet would
// take for a formula is neutralised with a leading apostrophe.

export type CsvValue = string | number | boolean | null | undefined;

export const BOM = '\uFEFF';

// A spreadsheet treats a cell starting with one of these as a formula (or, for tab and CR, strips them
// and looks again): OWASP's "CSV injection" list.
const FORMULA_START = /^[=+\-@\t\r]/;

/** Text that could run as a formula gets a leading apostrophe; everything else is unchanged. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One field: numbers as JavaScript writes them (full precision), text neutralised and quoted as needed. */
export function csvField(value: CsvValue): string {
  if (value == null) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const text = neutraliseFormula(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A whole file: BOM, the header row, then one line per row, each ended by CRLF. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return BOM + lines.map((line) => `${line}\r\n`).join('');
}
