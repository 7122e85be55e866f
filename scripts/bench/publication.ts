// Publishing a month with all its geographies (reporting.md, "Publication"): the release frozen for the
// county, every area and every district, and stored (what the publisher waits for); then every board pack of
// the release (PDF and workbook, with and without suppression, for each geography), rendered and stored one
// after another by the app's background job after the answer; then the first download of a district's pack of
// a version the job has not reached (rendered and stored on demand), and a second one, read as stored.
import type pg from 'pg';
import { upsertUser } from '../../api/src/access/users.js';
import { createDb } from '../../api/src/db/kysely.js';
import { SnapshotCache } from '../../api/src/lib/snapshot.js';
import { renderBoardPackPdf } from '../../api/src/reporting/board-pack-pdf.js';
import { renderBoardPackXlsx } from '../../api/src/reporting/board-pack-xlsx.js';
import { BoardPackJob } from '../../api/src/reporting/pack-job.js';
import { publishMonth, storedBoardPack } from '../../api/src/reporting/publication.js';
import { assembleRelease } from '../../api/src/reporting/release.js';
import { requiredAtCounty } from '../../api/src/commentary/required.js';

export interface PublicationBench {
  month: string;
  geographies: number;
  /** Milliseconds of each publication (each makes a new version). */
  publishMs: number[];
  /** After it answers: the background job rendering and storing every pack of the release, one after another. */
  allPacksMs: number;
  packCount: number;
  /** The parts, measured apart: assembling the release, and rendering each of the county's packs. */
  assembleMs: number;
  renderMs: { pack: string; ms: number }[];
  firstDistrictPackMs: number;
  storedPackMs: number;
}

export const PUBLICATION_RUNS = 3;

export async function benchPublication(pool: pg.Pool): Promise<PublicationBench> {
  const db = createDb(pool);
  // A fresh snapshot for every step: its memo (scorecards already computed) would flatter the later ones.
  const fresh = () => new SnapshotCache(db).current();
  const snapshot = await fresh();
  const month = snapshot.months.latestComplete ?? snapshot.months.latest;
  if (!month) throw new Error('no month to publish: the data are empty');
  const user = await upsertUser(pool, { email: 'bench-approver@localhost', name: 'Benchmark approver', role: 'approver' });
  const signedIn = { id: user.id, email: user.email, name: user.name, role: 'approver' as const, scope: null };
  let started = performance.now();
  const release = await assembleRelease(db, await fresh(), month, {
    commentary: [], summary: { dataHeadlines: '', recentActivity: '', plannedActivity: '', state: 'missing' },
    publishedBy: { email: user.email, name: 'Benchmark' }, note: 'Parts', version: 1,
  });
  const assembleMs = performance.now() - started;
  const renderMs: { pack: string; ms: number }[] = [];
  for (const suppress of [false, true]) {
    started = performance.now();
    await renderBoardPackPdf(release, { suppress });
    renderMs.push({ pack: `PDF${suppress ? ', suppressed' : ''}`, ms: performance.now() - started });
    started = performance.now();
    await renderBoardPackXlsx(release, { suppress });
    renderMs.push({ pack: `workbook${suppress ? ', suppressed' : ''}`, ms: performance.now() - started });
  }
  await signOffEverythingRequired(pool, db, await fresh(), month, user.id);
  const publishMs: number[] = [];
  for (let run = 0; run < PUBLICATION_RUNS; run++) {
    started = performance.now();
    await publishMonth(db, pool, await fresh(), { month, note: `Benchmark run ${run + 1}`, acceptIncompleteData: true, user: signedIn });
    publishMs.push(performance.now() - started);
  }
  const job = new BoardPackJob(pool, { info: () => {}, error: ({ err }) => { throw err; } });
  started = performance.now();
  job.add(month, 1);
  await job.idle();
  const allPacksMs = performance.now() - started;
  await job.stop();
  const { rows: [packs] } = await pool.query<{ n: number }>(
    'SELECT count(*)::int AS n FROM release_files WHERE month = $1::date AND version = 1', [`${month}-01`]);
  // Version 2's packs are not rendered (no job here): its first download renders and stores one.
  const district = snapshot.districts[0]!.code;
  started = performance.now();
  await storedBoardPack(pool, month, 2, 'pdf', district, true);
  const firstDistrictPackMs = performance.now() - started;
  started = performance.now();
  await storedBoardPack(pool, month, 2, 'pdf', district, true);
  const storedPackMs = performance.now() - started;
  const areaCount = new Set(snapshot.districts.map((d) => d.areaCode)).size;
  return { month, geographies: 1 + areaCount + snapshot.districts.length, publishMs, allPacksMs, packCount: packs!.n, assembleMs, renderMs, firstDistrictPackMs, storedPackMs };
}

export function formatPublicationBench(bench: PublicationBench): string {
  const ms = (value: number) => `${Math.round(value)} ms`;
  const sorted = [...bench.publishMs].sort((a, b) => a - b);
  return [
    `Publishing ${bench.month} (the release of ${bench.geographies} geographies frozen and stored; 201 answered), `
      + `${bench.publishMs.length} runs: median ${ms(sorted[Math.floor(sorted.length / 2)]!)}, `
      + `slowest ${ms(sorted[sorted.length - 1]!)} (target: under 2 s)`,
    `Then, after the answer, every board pack of the release (${bench.packCount}: PDF and workbook, with and without `
      + `suppression, for each geography) rendered and stored in the background: ${(bench.allPacksMs / 1000).toFixed(1)} s `
      + `(${ms(bench.allPacksMs / Math.max(bench.packCount, 1))} a pack)`,
    `The parts: assembling the release ${ms(bench.assembleMs)}; rendering the county's ${bench.renderMs.map((r) => `${r.pack} ${ms(r.ms)}`).join(', ')} `
      + '(target: a county board pack under 5 s)',
    `A district's suppressed PDF: first download (rendered and stored) ${ms(bench.firstDistrictPackMs)}, `
      + `next download (stored) ${ms(bench.storedPackMs)}`,
  ].join('\n');
}

/**
 * What publishing a month requires, approved as a month close would leave it: commentary on every required
 * county indicator (with a paragraph of text, as written) and the executive summary. The benchmark's own
 * database only.
 */
async function signOffEverythingRequired(pool: pg.Pool, db: ReturnType<typeof createDb>, snapshot: Awaited<ReturnType<SnapshotCache['current']>>,
  month: string, userId: number): Promise<void> {
  const required = [...await requiredAtCounty(db, snapshot, month)];
  const text = 'What the figure shows, why, and what is being done about it. '.repeat(6).trim();
  await pool.query(
    `INSERT INTO commentary (month, geography_code, indicator_code, text, state, author_id, author_email, author_name, updated_at)
     SELECT $1::date, 'KENT', code, $2, 'approved', $3, 'bench-approver@localhost', 'Benchmark approver', now()
     FROM unnest($4::text[]) AS code
     ON CONFLICT (month, geography_code, indicator_code) DO UPDATE SET state = 'approved', text = excluded.text`,
    [`${month}-01`, text, userId, required]);
  await pool.query(
    `INSERT INTO executive_summaries (month, data_headlines, recent_activity, planned_activity, state, author_id, updated_at)
     VALUES ($1, $2, $2, $2, 'approved', $3, now()) ON CONFLICT (month) DO UPDATE SET state = 'approved'`,
    [month, text, userId]);
}
