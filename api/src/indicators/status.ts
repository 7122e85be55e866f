// Value, target year, target by geography and RAG status of an indicator: pure functions, following
// "Value, status and direction" of the indicator contract.
import type { Polarity, Unit, YearBasis } from './catalog.js';

export type Status = 'green' | 'amber' | 'red' | 'no_target' | 'no_data';

/**
 * Whether the data speak for a measure at a month (indicators.md, "Coverage"): `none` when a dataset it
 * reads does not cover the month (no value, never a zero), `partial` when its window starts before a
 * dataset's coverage does (a value, but no RAG and out of the direction of travel), else `full`.
 */
export type Coverage = 'full' | 'partial' | 'none';

/** The sums a figure may be made from: none outside coverage. */
export function coveredSums<T extends Sums>(coverage: Coverage, sums: T | null | undefined): T | undefined {
  return coverage === 'none' || !sums ? undefined : sums;
}

/** Σ numerators and Σ denominators of the districts of a geography for one month. */
export interface Sums {
  numerator: number;
  /** null for count indicators. */
  denominator: number | null;
}

/**
 * Percent: 100 × Σnum / Σden, null when Σden = 0. Count: Σnum. Null when there is nothing to sum.
 * Rollups pass the sums over their districts, never an average of district rates.
 */
export function indicatorValue(unit: Unit, sums: Sums | null | undefined): number | null {
  if (!sums) return null;
  if (unit === 'count') return sums.numerator;
  if (sums.denominator === null || sums.denominator === 0) return null;
  return (100 * sums.numerator) / sums.denominator;
}

/**
 * The persistent absence KPIs have no complete term from September to December, so their value is the
 * whole previous academic year's, and that year's target applies.
 */
export function usesPreviousAcademicYearUntilDecember(code: string): boolean {
  return code.startsWith('pa_');
}

/**
 * The target year of month M ('YYYY-MM'), labelled by the year it ends in: financial 2016 = April 2015 –
 * March 2016; academic 2016 = September 2015 – August 2016.
 */
export function targetYear(code: string, yearBasis: YearBasis, month: string): number {
  const year = Number(month.slice(0, 4));
  const m = Number(month.slice(5, 7));
  if (yearBasis === 'financial') return m >= 4 ? year + 1 : year;
  const academic = m >= 9 ? year + 1 : year;
  if (usesPreviousAcademicYearUntilDecember(code) && m >= 9) return academic - 1;
  return academic;
}

export interface TargetRow {
  year: number;
  geographyCode: string;
  target: number;
  floor: number | null;
  floorAssumed: boolean;
}

export interface AppliedTarget {
  target: number;
  floor: number | null;
  floorAssumed: boolean;
  /** The geography whose target applies (the requested one, or KENT for a percent indicator). */
  geographyCode: string;
  /** True when the target year has none and an earlier year's target applies ("Targets after the plan"). */
  carriedForward: boolean;
  /** The year whose target applies: the target year itself, or the earlier year it is carried from. */
  fromYear: number;
}

export const COUNTY_CODE = 'KENT';

/**
 * The target row of one year at a geography: that geography's own target; for a percent indicator without
 * one, the county's. Count indicators use only their own geography's target. Areas never fall back to their
 * districts' targets (nor districts to their area's).
 */
function targetOfYear(unit: Unit, rows: readonly TargetRow[], year: number, geographyCode: string): TargetRow | undefined {
  const exact = rows.find((row) => row.year === year && row.geographyCode === geographyCode);
  return exact ?? (unit === 'percent' && geographyCode !== COUNTY_CODE
    ? rows.find((row) => row.year === year && row.geographyCode === COUNTY_CODE)
    : undefined);
}

/**
 * The target of one indicator for a target year at a geography. When the year has none (after the
 * geography rule), the years before it are searched backwards with the same rule and the first that yields
 * one is carried forward; a later target, once loaded, stops the carry. Before the first target year: null.
 */
export function pickTarget(
  unit: Unit,
  rows: readonly TargetRow[],
  year: number,
  geographyCode: string,
): AppliedTarget | null {
  const earlierYears = [...new Set(rows.map((row) => row.year))].filter((y) => y <= year).sort((a, b) => b - a);
  for (const fromYear of earlierYears) {
    const chosen = targetOfYear(unit, rows, fromYear, geographyCode);
    if (!chosen) continue;
    return {
      target: chosen.target,
      floor: chosen.floor,
      floorAssumed: chosen.floorAssumed,
      geographyCode: chosen.geographyCode,
      carriedForward: fromYear !== year,
      fromYear,
    };
  }
  return null;
}

function meets(polarity: Polarity, value: number, threshold: number): boolean {
  return polarity === 'higher_is_better' ? value >= threshold : value <= threshold;
}

/**
 * RAG status: no_data without a value or without full coverage; no_target without a target; green when the target is met; amber
 * when only the floor is met; red otherwise. Without a floor, green or red only.
 */
export function ragStatus(
  polarity: Polarity,
  value: number | null,
  target: Pick<AppliedTarget, 'target' | 'floor'> | null,
  coverage: Coverage = 'full',
): Status {
  // No RAG on part of a window, nor outside coverage.
  if (value === null || coverage !== 'full') return 'no_data';
  if (!target) return 'no_target';
  if (meets(polarity, value, target.target)) return 'green';
  if (target.floor !== null && meets(polarity, value, target.floor)) return 'amber';
  return 'red';
}
