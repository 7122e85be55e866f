// What still blocks publishing a month (reporting.md, "Publication"), decided in one place for the publish
// route and the month-close page:
// - missing: every required commentary (the county's, for each indicator red or amber that month) and the
//   executive summary (indicatorCode null) that is not approved, with its state ('missing' when not written);
// - datasets: every record dataset holding rows whose coverage does not reach the month.
// Both are read through their own modules: the commentary as every reader sees it (`requiredNotApproved`, on
// `monthCommentary`, as GET /api/commentary and the Month close page read it: carried-over drafts included)
// and the summary's state (`getSummary`); which commentary is required is the commentary module's rule.
import type { Queryable } from '../access/db.js';
import type { Db } from '../db/kysely.js';
import { SnapshotCache, type Snapshot } from '../lib/snapshot.js';
import { requiredAtCounty } from '../commentary/required.js';
import { loadDatasets } from '../queries/coverage.js';
import { requiredNotApproved } from '../commentary/store.js';
import type { CommentaryState } from '../schemas/commentary.js';
import { getSummary } from '../summary/store.js';

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

/** `db` for the figures, `pool` for the commentary and summary (the pool, or a client inside a transaction). */
export async function publicationBlockers(db: Db, pool: Queryable, month: string, snapshot?: Snapshot): Promise<PublicationBlockers> {
  const current = snapshot ?? await new SnapshotCache(db).current();
  const [missing, datasets] = await Promise.all([
    requiredAtCounty(db, current, month).then((required) => missingSignOff(pool, month, required)),
    incompleteDatasets(db, month)]);
  return { missing, datasets };
}

/**
 * The required commentary not approved (`required`: the month's required county indicators, from
 * `requiredAtCounty`), then the executive summary unless approved.
 */
export async function missingSignOff(pool: Queryable, month: string, required: ReadonlySet<string>): Promise<MissingSignOff[]> {
  const missing: MissingSignOff[] = await requiredNotApproved(pool, month, required);
  const { state } = await getSummary(pool, month);
  if (state !== 'approved') missing.push({ indicatorCode: null, geographyCode: SUMMARY_GEOGRAPHY, state });
  return missing;
}

/** Record datasets holding rows whose extract was taken before the end of the month. */
async function incompleteDatasets(db: Db, month: string): Promise<IncompleteDataset[]> {
  return (await loadDatasets(db))
    .filter((d) => d.kind === 'record' && d.rows > 0 && (d.coveredTo === null || d.coveredTo < month))
    .map((d) => ({ name: d.name, coveredTo: d.coveredTo, asAt: d.asAt }));
}
