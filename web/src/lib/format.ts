// Number and date formatting shared by every page: percentages to one decimal place, counts as whole
// numbers with thousands separators, months as "March 2015".
import { format as formatDate, parse } from 'date-fns';
import type { Unit } from '../api/types';

import { fixedFormat } from '../../../shared/figures';
import { figureDecimals } from '../../../shared/precision';

const countFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const fixed = fixedFormat;

export type { Unit };

export const NO_VALUE = '–';

/** One decimal place unless told more (see figureTexts). */
export function formatPercent(value: number | null | undefined, decimals = 1): string {
  return value == null || !Number.isFinite(value) ? NO_VALUE : `${fixed(decimals).format(value)}%`;
}

export function formatCount(value: number | null | undefined, decimals = 0): string {
  if (value == null || !Number.isFinite(value)) return NO_VALUE;
  return decimals === 0 ? countFormat.format(value) : fixed(decimals).format(value);
}

/** A signed whole number: "+23", "−40", "0". */
export function formatSignedCount(value: number | null | undefined): string {
  if (value == null || !Number.isFinite(value)) return NO_VALUE;
  const rounded = Math.round(value);
  if (rounded === 0) return '0';
  return rounded > 0 ? `+${countFormat.format(rounded)}` : `−${countFormat.format(-rounded)}`;
}

export function formatValue(value: number | null | undefined, unit: Unit, decimals?: number): string {
  return unit === 'percent' ? formatPercent(value, decimals) : formatCount(value, decimals);
}

/**
 * A value with its target and floor as text, so that the status never contradicts the figures beside it:
 * a value that misses a threshold it equals at the usual precision gets the decimals to see the difference
 * ("79.96%" beside a target of "80.0%"). Status comes from the API, judged on the unrounded value.
 */
export function figureTexts(figures: {
  unit: Unit;
  value: number | null;
  target: number | null;
  floor: number | null;
  status: string;
}): { value: string; target: string; floor: string } {
  const decimals = figureDecimals(figures);
  return {
    value: formatValue(figures.value, figures.unit, decimals.value),
    target: formatValue(figures.target, figures.unit, decimals.target),
    floor: formatValue(figures.floor, figures.unit, decimals.floor),
  };
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

/** 'YYYY-MM' → its last day, 'YYYY-MM-DD' (a month is covered when it ends on or before an as-at date). */
export function monthEnd(month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const days = new Date(Date.UTC(year, mon, 0)).getUTCDate();
  return `${month}-${String(days).padStart(2, '0')}`;
}

export function laterMonth(a: string, b: string): string {
  return a > b ? a : b;
}

// Short month names spelled out here: some Intl data writes September as "Sept".
const SHORT_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** 'YYYY-MM-DD' → '31 Aug 2018' (a calendar date: no time zone involved). */
export function formatDay(date: string | null | undefined): string {
  const match = date ? DATE_PATTERN.exec(date) : null;
  if (!match) return date ?? NO_VALUE;
  const [, year, month, day] = match;
  return `${Number(day)} ${SHORT_MONTHS[Number(month) - 1] ?? month} ${year}`;
}

const londonParts = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London', year: 'numeric', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
});

/** An ISO 8601 instant → '3 Dec 2026, 14:05' in Europe/London time (the API gives times in UTC). */
export function formatLondonTime(iso: string | null | undefined): string {
  if (!iso) return NO_VALUE;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return iso;
  const part = Object.fromEntries(londonParts.formatToParts(instant).map((p) => [p.type, p.value]));
  return `${Number(part.day)} ${SHORT_MONTHS[Number(part.month) - 1]} ${part.year}, ${part.hour}:${part.minute}`;
}

const publishedFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/**
 * A figure DfE published, in its own unit: "8.67%" for a percentage, "245.3" for a rate (the unit is said
 * beside it). `symbol` is the text published instead of a value ('-': not available).
 */
export function formatPublished(value: number | null | undefined, unit: string, symbol?: string | null): string {
  if (value == null || !Number.isFinite(value)) return symbol && symbol !== '-' ? symbol : NO_VALUE;
  return `${publishedFormat.format(value)}${unit.trim().startsWith('%') ? '%' : ''}`;
}

const BAND_WORDS = { A: 'top quarter', B: 'second quarter', C: 'third quarter', D: 'bottom quarter' } as const;

/** "A: top quarter of 151 authorities": the band as a letter with words, never colour alone. */
export function bandText(band: 'A' | 'B' | 'C' | 'D', of: number): string {
  return `${band}: ${BAND_WORDS[band]} of ${countFormat.format(of)} authorities`;
}

/** "Ranked 98th of 151 (1 is best)". */
export function rankText(rank: number, of: number): string {
  const tens = rank % 100;
  const suffix = tens >= 11 && tens <= 13 ? 'th' : ({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[rank % 10] ?? 'th';
  return `Ranked ${countFormat.format(rank)}${suffix} of ${countFormat.format(of)} (1 is best)`;
}
