// How many decimals a figure needs so that its status never contradicts it (indicators.md, "Rounding"):
// status is judged on the unrounded value, so a value that misses a threshold it equals at the usual
// precision (79.96 % beside a target of 80.0 %) is shown with the decimals that tell them apart. Pure
// functions, used by the web app and the workbook alike.

/** Percentages to one decimal place, counts as whole numbers. */
export function usualDecimals(unit: 'percent' | 'count'): number {
  return unit === 'percent' ? 1 : 0;
}

/** Beyond this a figure is shown as it is; no real threshold is missed by less. */
const MAX_DECIMALS = 6;

/** The thresholds a status says the value misses: the target when amber, the target and the floor when red. */
export function missedThresholds(status: string, target: number | null, floor: number | null): number[] {
  const missed = status === 'amber' ? [target] : status === 'red' ? [target, floor] : [];
  return missed.filter((t): t is number => t != null && Number.isFinite(t));
}

const same = (a: number, b: number, decimals: number) => a.toFixed(decimals) === b.toFixed(decimals);

/** The decimals to show `value` with: the usual ones, or more where it would look equal to a threshold it misses. */
export function valueDecimals(value: number | null, unit: 'percent' | 'count', missed: readonly number[]): number {
  let decimals = usualDecimals(unit);
  if (value == null || !Number.isFinite(value)) return decimals;
  for (const threshold of missed) {
    while (decimals < MAX_DECIMALS && same(value, threshold, decimals)) decimals += 1;
  }
  return decimals;
}

/**
 * The decimals to show a threshold with beside a value shown to `shownDecimals`: the fewest (no fewer than
 * usual) that show it exactly, and never fewer than the value's where it has more digits (80.04 % beside
 * 80.02 %, not 80.0 %).
 */
export function thresholdDecimals(threshold: number | null, unit: 'percent' | 'count', shownDecimals: number): number {
  let decimals = usualDecimals(unit);
  if (threshold == null || !Number.isFinite(threshold)) return decimals;
  while (decimals < shownDecimals && Number(threshold.toFixed(decimals)) !== threshold) decimals += 1;
  return decimals;
}

/** The decimals for a value and its target and floor, from the status they were judged with. */
export function figureDecimals(figures: {
  unit: 'percent' | 'count';
  value: number | null;
  target: number | null;
  floor: number | null;
  status: string;
}): { value: number; target: number; floor: number } {
  const value = valueDecimals(figures.value, figures.unit, missedThresholds(figures.status, figures.target, figures.floor));
  return {
    value,
    target: thresholdDecimals(figures.target, figures.unit, value),
    floor: thresholdDecimals(figures.floor, figures.unit, value),
  };
}
