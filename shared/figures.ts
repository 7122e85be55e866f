// Figures as text, the same on the pages and in the sentences the server drafts (the data headlines):
// en-GB digits with thousands separators, exactly the decimals asked for. Pure; imports nothing.

const fixedFormats = new Map<number, Intl.NumberFormat>();

/** Exactly `decimals` decimal places, with thousands separators (one formatter per number of decimals). */
export function fixedFormat(decimals: number): Intl.NumberFormat {
  let format = fixedFormats.get(decimals);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
    fixedFormats.set(decimals, format);
  }
  return format;
}
