// Number and date formatting shared by every page: percentages to one decimal place, counts as whole
// numbers with thousands separators, months as "March 2015".
import { format as formatDate, parse } from 'date-fns';

const percentFormat = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const countFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });

export type Unit = 'percent' | 'count';

export const NO_VALUE = '–';

export function formatPercent(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? NO_VALUE : `${percentFormat.format(value)}%`;
}

export function formatCount(value: number | null | undefined): string {
  return value == null || !Number.isFinite(value) ? NO_VALUE : countFormat.format(value);
}

/** A signed whole number: "+23", "−40", "0". */
export function formatSignedCount(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return NO_VALUE;
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${countFormat.format(rounded)}` : `−${countFormat.format(-rounded)}`;
}

export function formatValue(value: number | null | undefined, unit: Unit): string {
  return unit === 'percent' ? formatPercent(value) : formatCount(value);
}

/** 'YYYY-MM' → 'March 2015'. */
export function formatMonth(month: string): string {
  const date = parseMonth(month);
  return date ? formatDate(date, 'MMMM yyyy') : month;
}

/** 'YYYY-MM' → 'Mar 2015' (chart axes). */
export function formatMonthShort(month: string): string {
  const date = parseMonth(month);
  return date ? formatDate(date, 'MMM yyyy') : month;
}

const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;

export function isMonth(value: string | null | undefined): value is string {
  return value != null && MONTH_PATTERN.test(value);
}

function parseMonth(month: string): Date | null {
  if (!isMonth(month)) return null;
  return parse(`${month}-01`, 'yyyy-MM-dd', new Date(2000, 0, 1));
}

/** Adds n months (negative to go back) to a 'YYYY-MM'. */
export function addMonths(month: string, n: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + n;
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

/** Every month from `first` to `last` inclusive, oldest first. */
export function monthRange(first: string, last: string): string[] {
  const months: string[] = [];
  for (let month = first; month <= last && months.length < 1200; month = addMonths(month, 1)) months.push(month);
  return months;
}

export function laterMonth(a: string, b: string): string {
  return a > b ? a : b;
}
