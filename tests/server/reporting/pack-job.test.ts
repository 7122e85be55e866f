// Every board pack of a release rendered and stored when it is made (reporting.md): the background job after a
// publication, a download that comes before the job reaches its pack (the same bytes as the job would store),
// the sweep at start of what a stopped server left undone, and stopping cleanly when the app closes.
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { packsRendered } from '../../../api/src/reporting/pack-job.js';
import { loadRelease, packRendersSoFar, renderPack } from '../../../api/src/reporting/publication.js';
import { withZipEntriesDated } from '../../../api/src/reporting/zip-dates.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { DISTRICTS, MONTH, seedExportData } from '../export/seed.js';

// The export seed's county, areas and districts; 4 packs each (PDF and workbook, with and without suppression).
const GEOGRAPHIES = 1 + new Set(DISTRICTS.map(([, , area]) => area)).size + DISTRICTS.length;
const PACKS = 4 * GEOGRAPHIES;

let t: TestDatabase;
const apps: App[] = [];

async function startApp(options: { renderBoardPacks?: boolean } = {}): Promise<{ app: App; approver: SignedInClient }> {
  const app = await buildApp({ pool: t.pool, ...options });
  apps.push(app);
  const approver = await signedIn(app, t.pool, 'approver');
  return { app, approver };
}

beforeAll(async () => {
  t = await createTestDatabase();
  await seedExportData(t.pool);
  // What publishing requires, approved: commentary on every red or amber county indicator, and the summary.
  const app = await buildApp({ pool: t.pool, renderBoardPacks: false });
  const viewer = await signedIn(app, t.pool, 'viewer');
  const county = (await viewer.inject(`/api/scorecard?month=${MONTH}`)).json();
  const required = county.indicators.filter((i: { status: string }) => i.status === 'red' || i.status === 'amber')
    .map((i: { code: string }) => i.code);
  await t.pool.query(`
    INSERT INTO commentary (month, geography_code, indicator_code, text, state, author_email, author_name, reviewer_email, reviewer_name)
    SELECT $1::date, 'KENT', code, 'Approved text on ' || code, 'approved', 'writer@kent.example', 'Sam Writer', 'boss@kent.example', 'Bo Boss'
    FROM unnest($2::text[]) AS code`, [`${MONTH}-01`, required]);
  await t.pool.query(`INSERT INTO executive_summaries (month, data_headlines, recent_activity, planned_activity, state, author_id, updated_at)
    VALUES ($1, 'Headlines', 'Recent', 'Planned', 'approved', $2, now())`, [MONTH, viewer.user.id]);
  await app.close();
});
afterEach(() => {
  vi.useRealTimers();
});
afterAll(async () => {
  for (const app of apps) await app.close();
  await t?.drop();
});

const storedCount = async (version: number) => (await t.pool.query<{ n: number }>(
  `SELECT count(*)::int AS n FROM release_files WHERE month = $1::date AND version = $2`, [`${MONTH}-01`, version])).rows[0]!.n;

/** What the publications list says of a version's board packs (the Month close page shows it). */
const boardPacksListed = async (client: SignedInClient, version: number) =>
  (await client.inject('/api/publications')).json().publications
    .find((p: { month: string; version: number }) => p.month === MONTH && p.version === version).boardPacks;

const publish = async (client: SignedInClient, note: string) => {
  const response = await client.inject({ method: 'POST', url: '/api/publications', payload: { month: MONTH, note } });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as { version: number };
};

describe('the board packs of a release', () => {
  let before: { pdf: Buffer; xlsx: Buffer };

  it('renders a pack downloaded before any job reaches it, to the bytes any later render gives', async () => {
    // No job: the packs are rendered only at their download.
    const { approver } = await startApp({ renderBoardPacks: false });
    expect((await publish(approver, '')).version).toBe(1);
    expect(await storedCount(1)).toBe(0);
    const pdf = await approver.inject(`/api/publications/${MONTH}/board-pack.pdf?district=DAR&suppress=true`);
    const xlsx = await approver.inject(`/api/publications/${MONTH}/board-pack.xlsx?district=DAR&suppress=true`);
    expect([pdf.statusCode, xlsx.statusCode]).toEqual([200, 200]);
    before = { pdf: pdf.rawPayload, xlsx: xlsx.rawPayload };
    expect(await storedCount(1)).toBe(2);
    // No job to make the rest: the list says so (the Month close page stops asking), they are made at download.
    expect(await boardPacksListed(approver, 1)).toEqual({ stored: 2, total: PACKS, rendering: false });

    // An hour later (the workbook's zip entries would say so), the same release renders to the same bytes.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 3600_000);
    const release = await loadRelease(t.pool, MONTH, 1);
    expect(Buffer.compare(await renderPack(release, 'pdf', 'DAR', true), before.pdf)).toBe(0);
    expect(Buffer.compare(await renderPack(release, 'xlsx', 'DAR', true), before.xlsx)).toBe(0);
  });

  it('renders a pack once when two first downloads of it come at the same time', async () => {
    const app = apps[apps.length - 1]!;
    const approver = await signedIn(app, t.pool, 'approver');
    const url = `/api/publications/${MONTH}/board-pack.pdf?area=NORTH`;
    const rendersBefore = packRendersSoFar();
    const [first, second] = await Promise.all([approver.inject(url), approver.inject(url)]);
    expect([first.statusCode, second.statusCode]).toEqual([200, 200]);
    expect(packRendersSoFar() - rendersBefore).toBe(1);
    expect(Buffer.compare(first.rawPayload, second.rawPayload)).toBe(0);
    expect(await storedCount(1)).toBe(3);
    // Stored now: a later download reads it, rendering nothing.
    expect((await approver.inject(url)).statusCode).toBe(200);
    expect(packRendersSoFar() - rendersBefore).toBe(1);
  });

  it('renders every pack missing when the app starts, keeping those already stored', async () => {
    await apps.pop()!.close();
    const { app, approver } = await startApp();
    await app.ready();
    await packsRendered();
    expect(await storedCount(1)).toBe(PACKS);
    expect(await boardPacksListed(approver, 1)).toEqual({ stored: PACKS, total: PACKS, rendering: false });
    const geographies = await t.pool.query(`SELECT DISTINCT geography_code FROM release_files ORDER BY 1`);
    expect(geographies.rows.map((r) => r.geography_code)).toEqual(
      [...new Set(['KENT', ...DISTRICTS.flatMap(([code, , area]) => [code, area])])].sort());
    const after = await approver.inject(`/api/publications/${MONTH}/board-pack.xlsx?district=DAR&suppress=true`);
    expect(Buffer.compare(after.rawPayload, before.xlsx)).toBe(0);
    const pdfAfter = await approver.inject(`/api/publications/${MONTH}/board-pack.pdf?district=DAR&suppress=true`);
    expect(Buffer.compare(pdfAfter.rawPayload, before.pdf)).toBe(0);
  });

  it('renders every pack of a new version after the publication has answered', async () => {
    const approver = await signedIn(apps[apps.length - 1]!, t.pool, 'approver');
    const { version } = await publish(approver, 'Second version');
    expect(version).toBe(2);
    // Queued before the publisher is answered: the list says the job is making them (the page asks again).
    expect(await boardPacksListed(approver, 2)).toEqual({ stored: expect.any(Number), total: PACKS, rendering: true });
    await packsRendered();
    expect(await storedCount(2)).toBe(PACKS);
    expect(await boardPacksListed(approver, 2)).toEqual({ stored: PACKS, total: PACKS, rendering: false });
    const kinds = await t.pool.query(`SELECT kind, suppressed, count(*)::int AS n FROM release_files WHERE version = 2
      GROUP BY kind, suppressed ORDER BY kind, suppressed`);
    expect(kinds.rows).toEqual([
      { kind: 'pdf', suppressed: false, n: GEOGRAPHIES }, { kind: 'pdf', suppressed: true, n: GEOGRAPHIES },
      { kind: 'xlsx', suppressed: false, n: GEOGRAPHIES }, { kind: 'xlsx', suppressed: true, n: GEOGRAPHIES },
    ]);
  });

  it('stops after the pack in hand when the app closes', async () => {
    const app = apps.pop()!;
    const approver = await signedIn(app, t.pool, 'approver');
    const { version } = await publish(approver, 'Third version');
    await app.close();
    // Closed while rendering: at most the pack being rendered was stored, and nothing is left running.
    expect(await storedCount(version)).toBeLessThanOrEqual(1);
    await packsRendered();
    expect(await storedCount(version)).toBeLessThanOrEqual(1);
    // The rest is the sweep's at the next start (above).
  });
});

describe('zip entry dates', () => {
  it('are set in both headers of every entry, leaving the rest of the file as it was', async () => {
    const release = await loadRelease(t.pool, MONTH, 1);
    const xlsx = await renderPack(release, 'xlsx', 'KENT', false);
    const redated = withZipEntriesDated(xlsx, new Date('2020-06-15T12:34:56Z'));
    expect(redated.length).toBe(xlsx.length);
    // 12:34:56 → 12 << 11 | 34 << 5 | 28; 2020-06-15 → 40 << 9 | 6 << 5 | 15.
    const time = (12 << 11) | (34 << 5) | 28;
    const day = (40 << 9) | (6 << 5) | 15;
    expect(redated.readUInt16LE(10)).toBe(time);
    expect(redated.readUInt16LE(12)).toBe(day);
    const differing = [...redated.keys()].filter((i) => redated[i] !== xlsx[i]).length;
    expect(differing).toBeGreaterThan(0);
    expect(() => withZipEntriesDated(Buffer.from('not a zip file at all, no end record here'), new Date())).toThrow(/not a zip file/);
  });
});
