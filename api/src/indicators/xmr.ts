// The expected range of an activity indicator at month M and whether M is unusual (indicators.md, "Activity
// indicators"): an XmR chart as NHS England's *Making Data Count* uses it, or a fixed range an analyst loaded
// (activity_ranges). Pure: the caller passes the months' values; docs/indicator-sql.md, "Activity
// indicators", states the choices made where the rules leave room.

export type ActivitySignal = 'special_cause_high' | 'special_cause_low' | 'common_cause';

/** One month of the series: its value, or null when it has none (outside coverage). */
export interface MonthValue { month: string; value: number | null }

export interface FixedRange { lower: number; upper: number }

export interface Assessment {
  value: number | null;
  /** The centre line: the baseline's mean; null with a fixed range or too short a baseline. */
  mean: number | null;
  lower: number | null;
  upper: number | null;
  fixedRange: boolean;
  /** null: no value at M, or fewer than BASELINE_MIN months in the baseline (and no fixed range). */
  signal: ActivitySignal | null;
}

/** The baseline is the months with a value among the BASELINE_MONTHS up to and including M… */
export const BASELINE_MONTHS = 24;
/** …of which at least BASELINE_MIN are needed. */
export const BASELINE_MIN = 12;
/** Process limits: mean ± 2.66 × mean moving range (3 sigma, estimated from the moving range). */
export const LIMIT_FACTOR = 2.66;
export const RUN_LENGTH = 7;
export const TREND_LENGTH = 6;

/**
 * M's expected range and signal. `months` are consecutive calendar months ending at M (the last element);
 * only the last BASELINE_MONTHS are read. A month without a value breaks a moving range, a run and a trend:
 * "consecutive" means consecutive months.
 */
export function assessActivity(months: readonly MonthValue[], fixed: FixedRange | null = null): Assessment {
  const window = months.slice(-BASELINE_MONTHS).map((m) => m.value);
  const value = window.length > 0 ? window[window.length - 1]! : null;
  if (fixed) {
    // An analyst's range replaces the limits: only the beyond-a-limit rule applies, and there is no centre.
    return { value, mean: null, lower: fixed.lower, upper: fixed.upper, fixedRange: true, signal: value === null ? null : beyondLimit(value, fixed.lower, fixed.upper) ?? 'common_cause' };
  }
  const limits = processLimits(window);
  if (!limits) return { value, mean: null, lower: null, upper: null, fixedRange: false, signal: null };
  return { value, ...limits, fixedRange: false, signal: value === null ? null : xmrSignal(window, limits) };
}

interface Limits { mean: number; lower: number; upper: number }

/** Centre line and process limits from the months with a value; null when fewer than BASELINE_MIN. */
export function processLimits(window: readonly (number | null)[]): Limits | null {
  const points = window.filter((v): v is number => v !== null);
  if (points.length < BASELINE_MIN) return null;
  const mean = points.reduce((sum, v) => sum + v, 0) / points.length;
  // Moving ranges between neighbouring months that both have a value: a gap is not one month's change.
  const ranges: number[] = [];
  for (let i = 1; i < window.length; i++) {
    const previous = window[i - 1];
    const current = window[i];
    if (previous != null && current != null) ranges.push(Math.abs(current - previous));
  }
  if (ranges.length === 0) return null;
  const meanRange = ranges.reduce((sum, r) => sum + r, 0) / ranges.length;
  return { mean, lower: mean - LIMIT_FACTOR * meanRange, upper: mean + LIMIT_FACTOR * meanRange };
}

function beyondLimit(value: number, lower: number, upper: number): ActivitySignal | null {
  if (value > upper) return 'special_cause_high';
  if (value < lower) return 'special_cause_low';
  return null;
}

/** The rules in order: beyond a limit; a run on one side; a trend; 2 of 3 near a limit; else common cause. */
function xmrSignal(window: readonly (number | null)[], { mean, lower, upper }: Limits): ActivitySignal {
  const last = window.length - 1;
  const value = window[last]!;
  const limit = beyondLimit(value, lower, upper);
  if (limit) return limit;

  // A run: M and the months before it on the same side of the mean; a point on the mean (or a gap) ends it.
  const side = (v: number | null) => (v === null || v === mean ? 0 : v > mean ? 1 : -1);
  const runSide = side(value);
  if (runSide !== 0) {
    let run = 0;
    for (let i = last; i >= 0 && side(window[i]!) === runSide; i--) run++;
    if (run >= RUN_LENGTH) return runSide > 0 ? 'special_cause_high' : 'special_cause_low';
  }

  // A trend: M ends TREND_LENGTH or more points each higher (or each lower) than the one before; an equal
  // neighbour or a gap ends it.
  for (const direction of [1, -1] as const) {
    let points = 1;
    for (let i = last; i > 0; i--) {
      const current = window[i];
      const previous = window[i - 1];
      if (current == null || previous == null || Math.sign(current - previous) !== direction) break;
      points++;
    }
    if (points >= TREND_LENGTH) return direction > 0 ? 'special_cause_high' : 'special_cause_low';
  }

  // Two of the three months ending at M beyond two thirds of the way from the mean to the same limit.
  const highBand = mean + (2 / 3) * (upper - mean);
  const lowBand = mean - (2 / 3) * (mean - lower);
  const lastThree = window.slice(-3);
  if (lastThree.filter((v) => v !== null && v > highBand).length >= 2) return 'special_cause_high';
  if (lastThree.filter((v) => v !== null && v < lowBand).length >= 2) return 'special_cause_low';

  return 'common_cause';
}
