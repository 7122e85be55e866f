// Which commentary a month requires (reporting.md, "Commentary"): at the county, every indicator whose status
// that month is red or amber. The one rule the commentary routes, the publication check and the release read.
import type { Db } from '../db/kysely.js';
import type { Snapshot } from '../lib/snapshot.js';
import { COUNTY_CODE } from '../indicators/status.js';
import { county } from '../queries/geography.js';
import { getScorecard } from '../queries/scorecard.js';

/** The indicators whose county commentary is required at the month. */
export async function requiredAtCounty(db: Db, snapshot: Snapshot, month: string): Promise<Set<string>> {
  const scorecard = await getScorecard(db, snapshot, month, county(snapshot.districts));
  return new Set(scorecard.indicators.filter((i) => i.status === 'red' || i.status === 'amber').map((i) => i.code));
}

/** Whether one item is required, given the month's required county indicators. */
export const isRequiredGiven = (required: ReadonlySet<string>) =>
  (indicatorCode: string, geographyCode: string) => geographyCode === COUNTY_CODE && required.has(indicatorCode);
