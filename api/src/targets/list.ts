// The Targets page's view of the `targets` table: every stored row (the target of its own year), and for each
// indicator and geography with targets the later years an earlier row is carried forward to, found with the
// scorecard's own rule (pickTarget: "Targets by geography" and "Targets after the plan" of indicators.md).
import { findIndicator, MEASURE_CODES } from '../indicators/catalog.js';
import { COUNTY_CODE, pickTarget, targetYear, type TargetRow as StoredTarget } from '../indicators/status.js';
import type { District } from '../queries/geography.js';
import type { CarriedForward, TargetEntry, TargetsResponse } from '../schemas/targets.js';

/**
 * `byCode`: the stored rows per measure (the snapshot's). `latestMonth`: the latest month reported; rows are
 * carried up to its target year. Only the scorecard's indicators have a year basis and so a carry; targets
 * of other measures are listed as stored.
 */
export function targetsView(
  byCode: ReadonlyMap<string, readonly StoredTarget[]>,
  districts: readonly District[],
  latestMonth: string | null,
  only?: string,
): TargetsResponse {
  const geographyOrder = geographyRank(districts);
  const codes = MEASURE_CODES.filter((code) => (only === undefined || code === only) && byCode.has(code));
  const targets: TargetEntry[] = [];
  const carriedForward: CarriedForward[] = [];
  for (const code of codes) {
    const rows = [...byCode.get(code)!].sort((a, b) => geographyOrder(a.geographyCode) - geographyOrder(b.geographyCode)
      || a.geographyCode.localeCompare(b.geographyCode) || a.year - b.year);
    const indicator = findIndicator(code);
    const lastYear = indicator && latestMonth ? targetYear(code, indicator.yearBasis, latestMonth) : null;
    for (const geographyCode of [...new Set(rows.map((row) => row.geographyCode))]) {
      const own = rows.filter((row) => row.geographyCode === geographyCode);
      const carried: TargetEntry[] = [];
      if (indicator && lastYear !== null) {
        const ownYears = new Set(own.map((row) => row.year));
        for (let year = own[0]!.year + 1; year <= lastYear; year++) {
          if (ownYears.has(year)) continue;
          const applied = pickTarget(indicator.unit, rows, year, geographyCode);
          if (!applied?.carriedForward) continue;
          carried.push({
            indicatorCode: code, year, geographyCode, target: applied.target, floor: applied.floor, floorAssumed: applied.floorAssumed,
            carriedForward: true, fromYear: applied.fromYear, fromGeographyCode: applied.geographyCode,
          });
        }
      }
      const entries: TargetEntry[] = [
        ...own.map((row) => ({
          indicatorCode: code, year: row.year, geographyCode, target: row.target, floor: row.floor, floorAssumed: row.floorAssumed,
          carriedForward: false, fromYear: row.year, fromGeographyCode: geographyCode,
        })),
        ...carried,
      ].sort((a, b) => a.year - b.year);
      targets.push(...entries);
      carriedForward.push(...groupCarried(carried));
    }
  }
  return { latestMonth, targets, carriedForward };
}

/** Consecutive carried years from the same row, as one entry ("2017–18 carried forward to 2018–19, 2019–20"). */
function groupCarried(carried: readonly TargetEntry[]): CarriedForward[] {
  const groups: CarriedForward[] = [];
  for (const entry of carried) {
    const last = groups.at(-1);
    if (last && last.fromYear === entry.fromYear && last.fromGeographyCode === entry.fromGeographyCode) {
      last.years.push(entry.year);
    } else {
      groups.push({
        indicatorCode: entry.indicatorCode, geographyCode: entry.geographyCode,
        fromYear: entry.fromYear, fromGeographyCode: entry.fromGeographyCode, years: [entry.year],
      });
    }
  }
  return groups;
}

/** KENT first, then the areas, then the districts (each in the districts' order); unknown codes last. */
function geographyRank(districts: readonly District[]): (code: string) => number {
  const order = [COUNTY_CODE, ...new Set(districts.map((d) => d.areaCode)), ...districts.map((d) => d.code)];
  return (code) => {
    const index = order.indexOf(code);
    return index < 0 ? order.length : index;
  };
}
