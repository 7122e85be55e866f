// Months travel as 'YYYY-MM' in JSON and as the first day of the month ('YYYY-MM-DD') in the database.

export const MONTH_PATTERN = '^[0-9]{4}-(0[1-9]|1[0-2])$';

/** 'YYYY-MM' -> months since year 0 (a plain integer index, so differences are month counts). */
export function monthIndex(month: string): number {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  return year * 12 + (m - 1);
}

/** Months since year 0 -> 'YYYY-MM'. */
export function monthFromIndex(index: number): string {
  const year = Math.floor(index / 12);
  const m = index - year * 12 + 1;
  return `${String(year).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonths(month: string, count: number): string {
  return monthFromIndex(monthIndex(month) + count);
}

/** 'YYYY-MM' -> 'YYYY-MM-01' (the stored form). */
export function monthToDate(month: string): string {
  return `${month}-01`;
}

/** 'YYYY-MM-DD' (or a Date) -> 'YYYY-MM'. */
export function dateToMonth(date: string | Date): string {
  if (date instanceof Date) {
    return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}`;
  }
  return date.slice(0, 7);
}

/** Every month from `from` to `to` inclusive, in order. */
export function monthRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = monthIndex(from); i <= monthIndex(to); i += 1) out.push(monthFromIndex(i));
  return out;
}
