// What still blocks publishing a month (reporting.md, "Publication"), decided in one place for the publish
// route and the month-close page:
// - missing: every required commentary (the county's, for each indicator red or amber that month) and the
//   executive summary (indicatorCode null) that is not approved, with its state ('missing' when not written);
// - datasets: every record dataset holding rows whose coverage does not reach the month.
// Commentary and the executive summary are stored by their own modules (tables `commentary`, migration 0020,
// and `executive_summaries`); which commentary is required is the commentary module's rule.
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import { SnapshotCache, type Snapshot } from '../lib/snapshot.js';
import { requiredAtCounty } from '../commentary/required.js';
import { loadDatasets } from '../queries/coverage.js';
import type { CommentaryState } from '../schemas/commentary.js';

/** The summary's row in `missing` has no indicator; it is the county's. */
export const SUMMARY_GEOGRAPHY = 'KENT';

export interface MissingSignOff {
  /** null: the executive summary. */
  indicatorCode: string | null;
  geographyCode: string;
  state: CommentaryState;
}

export interface IncompleteDataset {
  name: string;
  /** The last month it covers (null: none). */
  coveredTo: string | null;
  asAt: string | null;
}

export interface PublicationBlockers {
  missing: MissingSignOff[];
  datasets: IncompleteDataset[];
}

export async function publicationBlockers(db: Db, month: string, snapshot?: Snapshot): Promise<PublicationBlockers> {
  const current = snapshot ?? await new SnapshotCache(db).current();
  const [missing, datasets] = await Promise.all([missingSignOff(db, current, month), incompleteDatasets(db, month)]);
  return { missing, datasets };
}

async function missingSignOff(db: Db, snapshot: Snapshot, month: string): Promise<MissingSignOff[]> {
  const missing: MissingSignOff[] = [];
  const required = await requiredAtCounty(db, snapshot, month);
  const { rows } = await sql<{ indicator_code: string; state: CommentaryState }>`
    SELECT indicator_code, state FROM commentary
    WHERE month = ${`${month}-01`}::date AND geography_code = ${SUMMARY_GEOGRAPHY}`.execute(db);
  const states = new Map(rows.map((r) => [r.indicator_code, r.state]));
  for (const code of required) {
    const state = states.get(code) ?? 'missing';
    if (state !== 'approved') missing.push({ indicatorCode: code, geographyCode: SUMMARY_GEOGRAPHY, state });
  }
  const { rows: summaries } = await sql<{ state: CommentaryState }>`
    SELECT state FROM executive_summaries WHERE month = ${month}`.execute(db);
  const summaryState = summaries[0]?.state ?? 'missing';
  if (summaryState !== 'approved') missing.push({ indicatorCode: null, geographyCode: SUMMARY_GEOGRAPHY, state: summaryState });
  return missing;
}

/** Record datasets holding rows whose extract was taken before the end of the month. */
async function incompleteDatasets(db: Db, month: string): Promise<IncompleteDataset[]> {
  return (await loadDatasets(db))
    .filter((d) => d.kind === 'record' && d.rows > 0 && (d.coveredTo === null || d.coveredTo < month))
    .map((d) => ({ name: d.name, coveredTo: d.coveredTo, asAt: d.asAt }));
}
