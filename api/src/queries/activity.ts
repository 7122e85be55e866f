// Activity indicators at a month and geography (GET /api/activity) and one activity measure month by month
// (its XmR chart): the counts from indicator_results summed over the geography's districts, months outside
// coverage without a value, each month judged by indicators/xmr.ts against its own 24-month baseline or the
// fixed range loaded for its financial year and geography.
import type { Db } from '../db/kysely.js';
import { ACTIVITY_MEASURES, type ActivityMeasure } from '../indicators/catalog.js';
import { coveredSums, indicatorValue, targetYear } from '../indicators/status.js';
import { assessActivity, BASELINE_MONTHS, type Assessment, type FixedRange } from '../indicators/xmr.js';
import { addMonths, monthRange } from '../lib/months.js';
import { memoise, type Snapshot } from '../lib/snapshot.js';
import { coverageAt } from './coverage.js';
import type { GeographyType } from '../schemas/common.js';
import type { Geography } from './geography.js';
import { sumResults } from './results.js';

export interface ActivityItem extends Assessment { code: string; title: string }

export interface ActivityScorecard {
  month: string;
  geography: { type: GeographyType; code: string; name: string };
  items: ActivityItem[];
}

export interface ActivityPoint extends Assessment { month: string }

export interface ActivitySeries {
  code: string;
  title: string;
  definition: string;
  geography: { type: GeographyType; code: string; name: string };
  points: ActivityPoint[];
}

/** Every activity measure at `month`, in the catalogue's order. */
export function getActivity(db: Db, snapshot: Snapshot, month: string, geography: Geography): Promise<ActivityScorecard> {
  return memoise(snapshot, `activity|${month}|${geography.code}`, async () => {
    const judged = await judgeMonths(db, snapshot, ACTIVITY_MEASURES, month, month, geography);
    return {
      month,
      geography: publicGeography(geography),
      items: ACTIVITY_MEASURES.map((measure) => ({ code: measure.code, title: measure.title, ...judged.get(measure.code)![0]! })),
    };
  });
}

/** One activity measure from `from` to `to`, each month with its own expected range and signal. */
export function getActivitySeries(
  db: Db, snapshot: Snapshot, measure: ActivityMeasure, from: string, to: string, geography: Geography,
): Promise<ActivitySeries> {
  return memoise(snapshot, `activity-series|${measure.code}|${from}|${to}|${geography.code}`, async () => {
    const judged = await judgeMonths(db, snapshot, [measure], from, to, geography);
    const months = monthRange(from, to);
    return {
      code: measure.code,
      title: measure.title,
      definition: measure.definition,
      geography: publicGeography(geography),
      points: judged.get(measure.code)!.map((assessment, i) => ({ month: months[i]!, ...assessment })),
    };
  });
}

function publicGeography(geography: Geography) {
  return { type: geography.type, code: geography.code, name: geography.name };
}

/** Each measure's assessment for every month from `from` to `to`, reading the 23 months before `from` too. */
async function judgeMonths(
  db: Db, snapshot: Snapshot, measures: readonly ActivityMeasure[], from: string, to: string, geography: Geography,
): Promise<Map<string, Assessment[]>> {
  const first = addMonths(from, -(BASELINE_MONTHS - 1));
  const codes = measures.map((m) => m.code);
  const [rows, ranges] = await Promise.all([
    sumResults(db, { codes, from: first, to, districtCodes: geography.type === 'county' ? null : geography.districtCodes }),
    loadRanges(db, codes, geography.code),
  ]);
  const sums = new Map(rows.map((row) => [`${row.code}|${row.month}`, row]));
  const months = monthRange(first, to);
  const judged = new Map<string, Assessment[]>();
  for (const measure of measures) {
    // Outside coverage a month has no value (never a zero), so it is not in the baseline.
    const values = months.map((month) => ({
      month,
      value: indicatorValue('count', coveredSums(coverageAt(snapshot.coverage, measure.code, month), sums.get(`${measure.code}|${month}`))),
    }));
    const assessments: Assessment[] = [];
    for (let end = BASELINE_MONTHS - 1; end < values.length; end++) {
      const month = values[end]!.month;
      const fixed = ranges.get(`${measure.code}|${targetYear(measure.code, 'financial', month)}`) ?? null;
      assessments.push(assessActivity(values.slice(end - (BASELINE_MONTHS - 1), end + 1), fixed));
    }
    judged.set(measure.code, assessments);
  }
  return judged;
}

/**
 * The fixed ranges loaded for exactly this geography, keyed `code|year`: a count's range, like a count's
 * target, never applies to another geography.
 */
async function loadRanges(db: Db, codes: readonly string[], geographyCode: string): Promise<Map<string, FixedRange>> {
  const rows = await db.selectFrom('activity_ranges')
    .select(['indicator_code', 'year', 'lower', 'upper'])
    .where('indicator_code', 'in', [...codes])
    .where('geography_code', '=', geographyCode)
    .execute();
  return new Map(rows.map((r) => [`${r.indicator_code}|${r.year}`, { lower: r.lower, upper: r.upper }]));
}
