// Publishing a month (reporting.md, "Publication"): each version is one immutable row of `releases` holding the
// frozen release (migration 0021), with its board packs in `release_files` and withdrawals kept apart. The
// current version of a month is its latest version not withdrawn.
import type pg from 'pg';
import type { SignedInUser } from '../access/users.js';
import type { Db } from '../db/kysely.js';
import { inTransaction } from '../db/transaction.js';
import { HttpError, notFound } from '../lib/errors.js';
import type { Snapshot } from '../lib/snapshot.js';
import { getScorecard } from '../queries/scorecard.js';
import { resolveGeography } from '../queries/geography.js';
import type { Person } from '../schemas/commentary.js';
import type { ExecutiveSummary, Release } from '../schemas/publications.js';
import type {
  MissingSignOff, PublicationListItem, PublishedRelease, PublishResponse, Revision, Withdrawal,
} from '../schemas/publishing.js';
import type { IncompleteDataset } from './readiness.js';
import { missingSignOff, publicationBlockers } from './readiness.js';
import { approvedCommentary } from '../commentary/store.js';
import { getSummary } from '../summary/store.js';
import { isRequiredGiven, requiredAtCounty } from '../commentary/required.js';
import { renderBoardPackPdf } from './board-pack-pdf.js';
import { renderBoardPackXlsx } from './board-pack-xlsx.js';
import { assembleRelease } from './release.js';
import { withZipEntriesDated } from './zip-dates.js';

export type PackKind = 'pdf' | 'xlsx';
export const PACK_KINDS: readonly PackKind[] = ['pdf', 'xlsx'];

/** The version 1 note when the publisher gives none (later versions must say why). */
export const FIRST_RELEASE_NOTE = 'First release';

/** 409 not_ready: what still blocks the month, for the publish route to answer in full. */
export class NotReadyError extends Error {
  constructor(message: string, readonly missing: MissingSignOff[], readonly datasets: IncompleteDataset[]) {
    super(message);
    this.name = 'NotReadyError';
  }
}

const conflict = (message: string) => new HttpError(409, 'conflict', message);
const badRequest = (message: string) => new HttpError(400, 'bad_request', message);

export function personOf(user: SignedInUser): Person {
  return { email: user.email, name: user.name ?? user.email };
}

const monthDate = (month: string) => `${month}-01`;

// Commentary and the executive summary, as approved --------------------------------------------------------

/** The month's executive summary as it stands (the summary module's; 'missing' while none is written). */
async function monthSummary(db: Pick<pg.Pool, 'query'>, month: string): Promise<ExecutiveSummary> {
  const { dataHeadlines, recentActivity, plannedActivity, state } = await getSummary(db, month);
  return { dataHeadlines, recentActivity, plannedActivity, state };
}

// Publishing -------------------------------------------------------------------------------------------------

export interface PublishInput {
  month: string;
  note: string;
  acceptIncompleteData?: boolean;
  user: SignedInUser;
  /** Written in the same transaction as the release (the audit entry): both stored, or neither. */
  record?: (client: pg.PoolClient, version: number) => Promise<void>;
}

/**
 * Freezes the month as its next version: one row holding the release, committed before the answer. The board
 * packs are rendered from that row afterwards (every one of them, by the app's BoardPackJob in pack-job.ts,
 * started by the route once it has answered), and stored once: a download that comes first renders the same
 * release to the same bytes and the first stored file wins. One publisher at a time per database, so
 * versions never collide.
 */
export async function publishMonth(db: Db, pool: pg.Pool, snapshot: Snapshot, input: PublishInput): Promise<PublishResponse> {
  const { month, user } = input;
  const note = input.note.trim();
  const blockers = await publicationBlockers(db, pool, month, snapshot);
  if (blockers.missing.length > 0) {
    throw new NotReadyError(
      `${month} cannot be published yet: ${blockers.missing.length} required text(s) not approved `
      + `(${blockers.missing.map((m) => `${m.indicatorCode ?? 'executive summary'} ${m.state}`).join(', ')}).`,
      blockers.missing, blockers.datasets);
  }
  if (blockers.datasets.length > 0 && !input.acceptIncompleteData) {
    throw new NotReadyError(
      `${month} cannot be published yet: ${blockers.datasets.map((d) => `${d.name} covers ${d.coveredTo ? `up to ${d.coveredTo}` : 'no month'}`).join('; ')}. `
      + 'Publish with "acceptIncompleteData": true and a note saying why, or load a later extract first.',
      [], blockers.datasets);
  }
  if (blockers.datasets.length > 0 && note === '') {
    throw badRequest('body field \'note\' must say why the month is published on incomplete data (acceptIncompleteData)');
  }

  return inTransaction(pool, async (client) => {
    // Publishers of any month queue here: the version number and the row are decided by one at a time.
    await client.query(`SELECT pg_advisory_xact_lock(hashtext('ehps.publish'))`);
    const { rows: [latest] } = await client.query<{ version: number | null }>(
      'SELECT max(version) AS version FROM releases WHERE month = $1::date', [monthDate(month)]);
    const version = (latest?.version ?? 0) + 1;
    if (version > 1 && note === '') {
      throw badRequest(`body field 'note' must say why ${month} is published again (version ${version})`);
    }
    // What is frozen is read under a lock that holds writers off until the commit, and checked again: a text
    // saved since the check above is no longer approved, and must not slip into (or out of) the release.
    await client.query('LOCK TABLE commentary, executive_summaries IN SHARE MODE');
    const requiredCodes = await requiredAtCounty(db, snapshot, month);
    const commentary = await approvedCommentary(client, month, isRequiredGiven(requiredCodes));
    const summary = await monthSummary(client, month);
    const missing = await missingSignOff(client, month, requiredCodes);
    if (missing.length > 0) {
      throw new NotReadyError(`${month} cannot be published yet: a required text changed while it was being published; try again.`,
        missing, blockers.datasets);
    }
    const release = await assembleRelease(db, snapshot, month, {
      commentary, summary, publishedBy: personOf(user), note: note || FIRST_RELEASE_NOTE, version,
      publishedAt: new Date(),
    });
    await client.query(
      `INSERT INTO releases (month, version, published_at, published_by_id, published_by_email, published_by_name, note,
                             incomplete_datasets, release)
       VALUES ($1::date, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [monthDate(month), version, release.publishedAt, user.id, release.publishedBy.email, release.publishedBy.name,
        release.note, blockers.datasets.map((d) => d.name), JSON.stringify(release)]);
    await input.record?.(client, version);
    return { month, version, publishedAt: release.publishedAt };
  });
}

// Counted so that a test can see how many renders a scenario cost (one per pack, however many ask at once).
let packRenders = 0;

/** How many packs this process has rendered since it started. */
export const packRendersSoFar = (): number => packRenders;

/** A pack of a release: the same bytes at every render (the workbook's zip entries dated at publication). */
export async function renderPack(release: Release, kind: PackKind, geographyCode: string, suppress: boolean): Promise<Buffer> {
  packRenders++;
  return kind === 'pdf'
    ? renderBoardPackPdf(release, { geographyCode, suppress })
    : withZipEntriesDated(await renderBoardPackXlsx(release, { geographyCode, suppress }), new Date(release.publishedAt));
}

/** Stores a pack once: a pack already stored (rendered meanwhile by a download or the job) is kept. */
export async function insertPack(
  db: Pick<pg.Pool, 'query'>, month: string, version: number, kind: PackKind, geographyCode: string, suppressed: boolean, bytes: Buffer,
): Promise<void> {
  // A pack rendered twice at once (two first downloads): the first stored wins, and both answer it.
  await db.query(
    `INSERT INTO release_files (month, version, kind, geography_code, suppressed, bytes)
     VALUES ($1::date, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
    [monthDate(month), version, kind, geographyCode, suppressed, bytes]);
}

// Reading ----------------------------------------------------------------------------------------------------

interface ReleaseRow {
  month: string; version: number; published_at: Date; published_by_email: string; published_by_name: string; note: string;
  incomplete_datasets: string[]; withdrawn_at: Date | null; withdrawn_by_email: string | null; withdrawn_by_name: string | null;
  reason: string | null; current: boolean;
}

const LIST_SQL = `
  SELECT to_char(r.month, 'YYYY-MM') AS month, r.version, r.published_at, r.published_by_email, r.published_by_name, r.note,
         r.incomplete_datasets, w.withdrawn_at, w.withdrawn_by_email, w.withdrawn_by_name, w.reason,
         (w.version IS NULL AND r.version = max(r.version) FILTER (WHERE w.version IS NULL) OVER (PARTITION BY r.month)) AS current
  FROM releases r LEFT JOIN release_withdrawals w USING (month, version)`;

function listItem(row: ReleaseRow): PublicationListItem {
  const withdrawal: Withdrawal | null = row.withdrawn_at
    ? { withdrawnAt: new Date(row.withdrawn_at).toISOString(), withdrawnBy: { email: row.withdrawn_by_email!, name: row.withdrawn_by_name! }, reason: row.reason! }
    : null;
  return {
    month: row.month,
    version: row.version,
    publishedAt: new Date(row.published_at).toISOString(),
    publishedBy: { email: row.published_by_email, name: row.published_by_name },
    note: row.note,
    current: row.current,
    withdrawal,
    incompleteDatasets: row.incomplete_datasets,
  };
}

/**
 * Every version of every month (or of one month), newest month first, then newest version first; with
 * currentOnly, each month's current version alone (no superseded or withdrawn version: what partners list).
 */
export async function listPublications(pool: Pick<pg.Pool, 'query'>, month?: string, currentOnly = false): Promise<PublicationListItem[]> {
  const { rows } = await pool.query<ReleaseRow>(
    `SELECT * FROM (${LIST_SQL}) v WHERE ($1::text IS NULL OR month = $1) AND (NOT $2::boolean OR current)
     ORDER BY month DESC, version DESC`, [month ?? null, currentOnly]);
  return rows.map(listItem);
}

/** The version asked for, or the month's current one; 404 naming what exists. */
export async function findVersion(pool: Pick<pg.Pool, 'query'>, month: string, version?: number): Promise<PublicationListItem> {
  const versions = await listPublications(pool, month);
  if (versions.length === 0) throw notFound(`${month} has not been published`);
  if (version !== undefined) {
    const found = versions.find((v) => v.version === version);
    if (!found) throw notFound(`${month} has no version ${version} (it has ${versions.map((v) => v.version).reverse().join(', ')})`);
    return found;
  }
  const current = versions.find((v) => v.current);
  if (!current) throw notFound(`every version of ${month} has been withdrawn`);
  return current;
}

// Releases never change: the frozen JSON of a version is read once per process.
const releaseCache = new Map<string, Promise<Release>>();
const MAX_CACHED_RELEASES = 50;

export function loadRelease(pool: Pick<pg.Pool, 'query'>, month: string, version: number): Promise<Release> {
  // Per database too: tests run several databases in one process.
  const key = `${(pool as { options?: { database?: string; connectionString?: string } }).options?.connectionString ?? ''}|${month}|${version}`;
  let cached = releaseCache.get(key);
  if (!cached) {
    if (releaseCache.size >= MAX_CACHED_RELEASES) releaseCache.clear();
    cached = pool.query<{ release: Release }>('SELECT release FROM releases WHERE month = $1::date AND version = $2', [monthDate(month), version])
      .then(({ rows }) => {
        if (!rows[0]) throw notFound(`${month} has no version ${version}`);
        return rows[0].release;
      });
    releaseCache.set(key, cached);
    cached.catch(() => releaseCache.delete(key));
  }
  return cached;
}

export async function publishedRelease(pool: Pick<pg.Pool, 'query'>, month: string, version?: number): Promise<PublishedRelease> {
  const item = await findVersion(pool, month, version);
  const release = await loadRelease(pool, month, item.version);
  return { ...release, current: item.current, withdrawal: item.withdrawal, incompleteDatasets: item.incompleteDatasets };
}


// Withdrawal -------------------------------------------------------------------------------------------------

export async function withdrawVersion(
  pool: pg.Pool, month: string, version: number, reason: string, user: SignedInUser,
  /** Written in the same transaction as the withdrawal (the audit entry). */
  record?: (client: pg.PoolClient) => Promise<void>,
): Promise<PublicationListItem> {
  const item = await findVersion(pool, month, version);
  if (item.withdrawal) throw conflict(`version ${version} of ${month} was already withdrawn on ${item.withdrawal.withdrawnAt.slice(0, 10)}`);
  const by = personOf(user);
  await inTransaction(pool, async (client) => {
    const { rowCount } = await client.query(
      `INSERT INTO release_withdrawals (month, version, withdrawn_by_id, withdrawn_by_email, withdrawn_by_name, reason)
       VALUES ($1::date, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
      [monthDate(month), version, user.id, by.email, by.name, reason.trim()]);
    // Withdrawn by someone else in the meantime.
    if (rowCount === 0) throw conflict(`version ${version} of ${month} was already withdrawn`);
    await record?.(client);
  });
  return findVersion(pool, month, version);
}

// Board packs ------------------------------------------------------------------------------------------------

// The renders under way, per pool and pack: the job and every download of a pack not stored yet share one render
// (each takes a second or two of processor), rather than each starting its own.
const rendersInFlight = new WeakMap<Pick<pg.Pool, 'query'>, Map<string, Promise<boolean>>>();

const PACK_WHERE = 'month = $1::date AND version = $2 AND kind = $3 AND geography_code = $4 AND suppressed = $5';

const storedBytes = async (
  pool: Pick<pg.Pool, 'query'>, month: string, version: number, kind: PackKind, geographyCode: string, suppressed: boolean,
): Promise<Buffer | undefined> => (await pool.query<{ bytes: Buffer }>(
  `SELECT bytes FROM release_files WHERE ${PACK_WHERE}`, [monthDate(month), version, kind, geographyCode, suppressed])).rows[0]?.bytes;

/** Whether the pack is stored, without fetching its bytes. */
const isPackStored = async (
  pool: Pick<pg.Pool, 'query'>, month: string, version: number, kind: PackKind, geographyCode: string, suppressed: boolean,
): Promise<boolean> => (await pool.query(
  `SELECT EXISTS (SELECT 1 FROM release_files WHERE ${PACK_WHERE}) AS stored`,
  [monthDate(month), version, kind, geographyCode, suppressed])).rows[0].stored === true;

/**
 * Renders and stores a pack unless it is stored already; resolves true if this call's render stored it. A render of
 * the same pack under way is joined, not repeated. The in-flight entry is taken before anything is awaited, and the
 * "already stored?" check runs inside it, so a render that finished just before is seen and not done again.
 */
export function ensurePackStored(
  pool: Pick<pg.Pool, 'query'>, month: string, version: number, kind: PackKind, geographyCode: string, suppressed: boolean,
): Promise<boolean> {
  let inFlight = rendersInFlight.get(pool);
  if (!inFlight) rendersInFlight.set(pool, inFlight = new Map());
  const key = `${month}|${version}|${kind}|${geographyCode}|${suppressed}`;
  const running = inFlight.get(key);
  if (running) return running;
  const render = (async () => {
    if (await isPackStored(pool, month, version, kind, geographyCode, suppressed)) return false;
    const release = await loadRelease(pool, month, version);
    await insertPack(pool, month, version, kind, geographyCode, suppressed, await renderPack(release, kind, geographyCode, suppressed));
    return true;
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, render);
  return render;
}

/** The stored pack of a version (rendered and stored here when a download comes before the job reaches it). */
export async function storedBoardPack(
  pool: pg.Pool, month: string, version: number, kind: PackKind, geographyCode: string, suppressed: boolean,
): Promise<Buffer> {
  const stored = await storedBytes(pool, month, version, kind, geographyCode, suppressed);
  if (stored) return stored;
  await ensurePackStored(pool, month, version, kind, geographyCode, suppressed);
  return (await storedBytes(pool, month, version, kind, geographyCode, suppressed))!;
}

/** The geography a pack is asked for, checked against the release's own geographies. */
export function packGeographyCode(release: Release, query: { area?: string; district?: string }): string {
  if (query.area !== undefined && query.district !== undefined) throw badRequest('give either area or district, not both');
  const code = query.area ?? query.district;
  if (code === undefined) return release.geographies.county.code;
  const known = query.area !== undefined
    ? release.geographies.areas.map((a) => a.code) : release.geographies.districts.map((d) => d.code);
  if (!known.includes(code)) {
    throw badRequest(`query parameter '${query.area !== undefined ? 'area' : 'district'}' must be one of ${known.join(', ')} (the release's), got '${code}'`);
  }
  return code;
}

// Revisions --------------------------------------------------------------------------------------------------

/** What the live figures now say differently from the version, indicator by indicator and geography by geography. */
export async function revisions(db: Db, snapshot: Snapshot, release: Release): Promise<Revision[]> {
  const changes: Revision[] = [];
  const live = await Promise.all(release.scorecards.map(async (published) => {
    // A geography since removed from the reference data has no live figures: every value reads as none.
    let geography;
    try {
      geography = resolveGeography(snapshot.districts, published.geography.type === 'area' ? { area: published.geography.code }
        : published.geography.type === 'district' ? { district: published.geography.code } : {});
    } catch {
      return null;
    }
    return getScorecard(db, snapshot, release.month, geography);
  }));
  release.scorecards.forEach((published, index) => {
    const now = new Map((live[index]?.indicators ?? []).map((i) => [i.code, i]));
    for (const indicator of published.indicators) {
      const current = now.get(indicator.code);
      const liveValue = current?.value ?? null;
      const liveStatus = current?.status ?? 'no_data';
      if (liveValue !== indicator.value || liveStatus !== indicator.status) {
        changes.push({
          indicatorCode: indicator.code, geographyCode: published.geography.code,
          publishedValue: indicator.value, liveValue, publishedStatus: indicator.status, liveStatus,
        });
      }
    }
  });
  return changes;
}
