// Publishing a month (reporting.md, "Publication"): the release is frozen — later changes to the data leave the
// published figures as they were and show up as revisions —; versions with notes; withdrawal; the database
// refuses any change to a release, whatever the session says; what blocks publication (409 not_ready); the
// partners' rules; and the stored board packs, the same bytes at every download.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { packsRendered } from '../../../api/src/reporting/pack-job.js';
import { publicationBlockers } from '../../../api/src/reporting/readiness.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { MONTH, seedExportData } from '../export/seed.js';
import { pdfPages } from './pdf-tools.js';

let t: TestDatabase;
let app: App;
let approver: SignedInClient;
let viewer: SignedInClient;
let partner: SignedInClient;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedExportData(t.pool);
  app = await buildApp({ pool: t.pool });
  approver = await signedIn(app, t.pool, 'approver', { name: 'Alex Approver' });
  viewer = await signedIn(app, t.pool, 'viewer');
  partner = await signedIn(app, t.pool, 'partner');
  // Everything the month requires is signed off, so the tests below are about the data and the releases;
  // the last block takes it back to see what publishing then refuses.
  await signOffEverythingRequired();
});

/** The county's red and amber indicators (their commentary is required). */
async function requiredCodes(): Promise<string[]> {
  const county = (await viewer.inject(`/api/scorecard?month=${MONTH}`)).json();
  return county.indicators.filter((i: { status: string }) => i.status === 'red' || i.status === 'amber').map((i: { code: string }) => i.code);
}

/** Approved commentary on every required indicator, and an approved executive summary. */
async function signOffEverythingRequired(): Promise<void> {
  await t.pool.query(`
    INSERT INTO commentary (month, geography_code, indicator_code, text, state, author_email, author_name, reviewer_email, reviewer_name)
    SELECT $1::date, 'KENT', code, 'Approved text on ' || code, 'approved', 'writer@kent.example', 'Sam Writer', 'boss@kent.example', 'Bo Boss'
    FROM unnest($2::text[]) AS code
    ON CONFLICT (month, geography_code, indicator_code) DO UPDATE SET state = 'approved', text = excluded.text,
      reviewer_email = excluded.reviewer_email, reviewer_name = excluded.reviewer_name`, [`${MONTH}-01`, await requiredCodes()]);
  await t.pool.query(`INSERT INTO executive_summaries (month, data_headlines, recent_activity, planned_activity, state, author_id, updated_at)
    VALUES ($1, 'Headlines', 'Recent', 'Planned', 'approved', $2, now())
    ON CONFLICT (month) DO UPDATE SET state = 'approved'`, [MONTH, approver.user.id]);
}
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

const publish = (body: Record<string, unknown>, client: SignedInClient = approver) =>
  client.inject({ method: 'POST', url: '/api/publications', payload: body });

/** DAR's NEET figures at the month, changed as a later extract would revise them (the refresh's table). */
async function reviseDartfordNeet(numerator: number): Promise<void> {
  await t.pool.query(
    `UPDATE indicator_results SET numerator = $1 WHERE indicator_code = 'neet_16_18_pct' AND district_code = 'DAR' AND month = $2::date`,
    [numerator, `${MONTH}-01`]);
}

describe('before anything is published', () => {
  it('refuses partners every scorecard, published or live', async () => {
    const response = await partner.inject(`/api/scorecard?month=${MONTH}`);
    expect(response.statusCode).toBe(403);
    expect(response.json().message).toMatch(/Partners see published months only/);
  });

  it('lets neither a viewer nor a partner publish', async () => {
    expect((await publish({ month: MONTH, note: '' }, viewer)).statusCode).toBe(403);
    expect((await publish({ month: MONTH, note: '' }, partner)).statusCode).toBe(403);
  });

  it('answers 404 for a month not published', async () => {
    const response = await viewer.inject(`/api/publications/${MONTH}`);
    expect(response.statusCode).toBe(404);
    expect(response.json()).toEqual({ error: 'not_found', message: `${MONTH} has not been published` });
  });
});

describe('a dataset that does not cover the month', () => {
  beforeAll(async () => {
    await t.pool.query(`UPDATE dataset_coverage SET covered_to = $1::date, as_at = $2::date WHERE dataset = 'early_help_cases'`,
      ['2016-01-01', '2016-02-20']);
  });
  afterAll(async () => {
    await t.pool.query(`UPDATE dataset_coverage SET covered_to = $1::date, as_at = $2::date WHERE dataset = 'early_help_cases'`,
      [`${MONTH}-01`, '2016-02-29']);
  });

  it('blocks publication (409 not_ready naming it) unless the publisher accepts it with a note', async () => {
    const refused = await publish({ month: MONTH, note: '' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({
      error: 'not_ready', missing: [], datasets: [{ name: 'early_help_cases', coveredTo: '2016-01', asAt: '2016-02-20' }],
    });
    expect(refused.json().message).toContain('early_help_cases covers up to 2016-01');
    const noNote = await publish({ month: MONTH, note: ' ', acceptIncompleteData: true });
    expect(noNote.statusCode).toBe(400);
    expect((await t.pool.query('SELECT count(*)::int AS n FROM releases')).rows[0].n).toBe(0);
  });

  it('lists it in the readiness of the month', async () => {
    const readiness = await viewer.inject(`/api/publications/${MONTH}/readiness`);
    expect(readiness.json()).toMatchObject({ month: MONTH, published: null, missing: [], datasets: [{ name: 'early_help_cases' }] });
  });
});

describe('publishing, then the data changes', () => {
  let published: { month: string; version: number; publishedAt: string };
  let dartfordBefore: number;

  beforeAll(async () => {
    dartfordBefore = (await viewer.inject(`/api/scorecard?month=${MONTH}&district=DAR`)).json()
      .indicators.find((i: { code: string }) => i.code === 'neet_16_18_pct').value;
    const response = await publish({ month: MONTH, note: '' });
    expect(response.statusCode, response.body).toBe(201);
    published = response.json();
  });

  it('answers 201 with version 1, recorded in the list and the audit log', async () => {
    expect(published).toMatchObject({ month: MONTH, version: 1 });
    const list = (await viewer.inject('/api/publications')).json();
    expect(list.publications).toEqual([{
      month: MONTH, version: 1, publishedAt: published.publishedAt, publishedBy: { email: approver.user.email, name: 'Alex Approver' },
      note: 'First release', current: true, withdrawal: null, incompleteDatasets: [],
      // Its packs being made in the background: 4 for each of the 12 geographies.
      boardPacks: { stored: expect.any(Number), total: 48, rendering: expect.any(Boolean) },
    }]);
    const { rows } = await t.pool.query(`SELECT user_email, object FROM audit_log WHERE action = 'publication'`);
    expect(rows).toEqual([{ user_email: approver.user.email, object: `${MONTH} version 1` }]);
  });

  it('freezes the scorecard of every geography as /api/scorecard answered it', async () => {
    const release = (await viewer.inject(`/api/publications/${MONTH}`)).json();
    expect(release).toMatchObject({ month: MONTH, version: 1, current: true, withdrawal: null });
    const codes = release.scorecards.map((s: { geography: { code: string } }) => s.geography.code);
    expect(codes[0]).toBe('KENT');
    expect([...codes].sort()).toEqual(['CAN', 'DAR', 'EAST', 'GRA', 'KENT', 'MAI', 'NORTH', 'SEV', 'SWA', 'THA', 'WEA', 'WEST']);
    const live = (await viewer.inject(`/api/scorecard?month=${MONTH}&district=DAR`)).json();
    expect(release.scorecards.find((s: { geography: { code: string } }) => s.geography.code === 'DAR')).toEqual(live);
  });

  it('keeps the published figures when the data change, and lists the differences as revisions', async () => {
    await reviseDartfordNeet(40);
    const live = (await viewer.inject(`/api/scorecard?month=${MONTH}&district=DAR`)).json();
    const liveNeet = live.indicators.find((i: { code: string }) => i.code === 'neet_16_18_pct');
    expect(liveNeet.value).not.toBe(dartfordBefore);

    const frozen = (await viewer.inject(`/api/scorecard?month=${MONTH}&district=DAR&view=published`)).json();
    expect(frozen.indicators.find((i: { code: string }) => i.code === 'neet_16_18_pct').value).toBe(dartfordBefore);
    const release = (await viewer.inject(`/api/publications/${MONTH}`)).json();
    const frozenDar = release.scorecards.find((s: { geography: { code: string } }) => s.geography.code === 'DAR');
    expect(frozenDar.indicators.find((i: { code: string }) => i.code === 'neet_16_18_pct').value).toBe(dartfordBefore);

    const revisions = (await viewer.inject(`/api/publications/${MONTH}/revisions`)).json();
    expect(revisions.month).toBe(MONTH);
    expect(revisions.version).toBe(1);
    const dar = revisions.changes.find((c: { geographyCode: string; indicatorCode: string }) =>
      c.geographyCode === 'DAR' && c.indicatorCode === 'neet_16_18_pct');
    expect(dar).toMatchObject({ publishedValue: dartfordBefore, liveValue: liveNeet.value, liveStatus: liveNeet.status });
    // The area and the county sum their districts: revised too; no other district changed.
    const geographies = new Set(revisions.changes.map((c: { geographyCode: string }) => c.geographyCode));
    expect([...geographies].sort()).toEqual(['DAR', 'KENT', 'NORTH']);
    expect(revisions.changes.every((c: { indicatorCode: string }) => c.indicatorCode === 'neet_16_18_pct')).toBe(true);
  });

  it('stores the board packs: the same bytes at every download, a readable PDF', async () => {
    const first = await viewer.inject(`/api/publications/${MONTH}/board-pack.pdf`);
    expect(first.statusCode).toBe(200);
    expect(first.headers['content-type']).toBe('application/pdf');
    const second = await viewer.inject(`/api/publications/${MONTH}/board-pack.pdf?version=1`);
    expect(Buffer.compare(first.rawPayload, second.rawPayload)).toBe(0);
    expect(pdfPages(first.rawPayload).join('\n')).toContain('version 1');
    // Every pack is rendered and stored once the release is (tests/server/reporting/pack-job.test.ts): 4 a geography.
    await packsRendered();
    const stored = await t.pool.query(`SELECT kind, suppressed, count(*)::int AS n FROM release_files GROUP BY 1, 2 ORDER BY 1, 2`);
    expect(stored.rows).toEqual([
      { kind: 'pdf', suppressed: false, n: 12 }, { kind: 'pdf', suppressed: true, n: 12 },
      { kind: 'xlsx', suppressed: false, n: 12 }, { kind: 'xlsx', suppressed: true, n: 12 },
    ]);
    const district = await viewer.inject(`/api/publications/${MONTH}/board-pack.xlsx?district=DAR&suppress=true`);
    expect(district.statusCode).toBe(200);
    const again = await viewer.inject(`/api/publications/${MONTH}/board-pack.xlsx?district=DAR&suppress=true`);
    expect(Buffer.compare(district.rawPayload, again.rawPayload)).toBe(0);
    expect((await t.pool.query(`SELECT 1 FROM release_files WHERE geography_code = 'DAR'`)).rowCount).toBe(4);
    const unknown = await viewer.inject(`/api/publications/${MONTH}/board-pack.pdf?district=NOPE`);
    expect(unknown.statusCode).toBe(400);
  });

  it('gives partners the published month only, suppressed, and the suppressed board pack whatever they ask', async () => {
    const scorecard = await partner.inject(`/api/scorecard?month=${MONTH}&district=DAR`);
    expect(scorecard.statusCode).toBe(200);
    const neet = scorecard.json().indicators.find((i: { code: string }) => i.code === 'neet_16_18_pct');
    // DAR's NEET numerator was 3 when published: suppressed (and the live revision to 40 is not shown either).
    expect(neet).toMatchObject({ value: null, numerator: null, status: 'no_data', suppressed: true });
    expect((await partner.inject(`/api/scorecard?month=${MONTH}&view=live`)).statusCode).toBe(403);
    const unpublished = await partner.inject('/api/scorecard?month=2016-01');
    expect(unpublished.statusCode).toBe(404);
    expect(unpublished.json()).toEqual({ error: 'not_found', message: '2016-01 has not been published' });
    expect((await partner.inject(`/api/publications/${MONTH}`)).statusCode).toBe(403);
    expect((await partner.inject(`/api/publications/${MONTH}/revisions`)).statusCode).toBe(403);
    const asked = await partner.inject(`/api/publications/${MONTH}/board-pack.pdf?suppress=false`);
    const suppressed = await viewer.inject(`/api/publications/${MONTH}/board-pack.pdf?suppress=true`);
    const open = await viewer.inject(`/api/publications/${MONTH}/board-pack.pdf`);
    expect(Buffer.compare(asked.rawPayload, suppressed.rawPayload)).toBe(0);
    expect(Buffer.compare(asked.rawPayload, open.rawPayload)).not.toBe(0);
    // Staff see the same month unsuppressed, published or live.
    const staff = (await viewer.inject(`/api/scorecard?month=${MONTH}&district=DAR&view=published`)).json();
    expect(staff.indicators.find((i: { code: string }) => i.code === 'neet_16_18_pct').value).toBe(dartfordBefore);
  });

  it('publishes again only with a note, as version 2; withdrawing it makes version 1 current again', async () => {
    const noNote = await publish({ month: MONTH, note: '' });
    expect(noNote.statusCode).toBe(400);
    expect(noNote.json().message).toContain('version 2');
    const second = await publish({ month: MONTH, note: 'NEET figures revised after the March extract' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json().version).toBe(2);

    // Version 2 holds the revised figures, version 1 still the first ones; no revisions against version 2.
    const neetOf = (scorecard: { indicators: { code: string; value: number | null }[] }) =>
      scorecard.indicators.find((i) => i.code === 'neet_16_18_pct')!.value;
    const v2 = (await viewer.inject(`/api/scorecard?month=${MONTH}&district=DAR&view=published`)).json();
    const v1 = (await viewer.inject(`/api/scorecard?month=${MONTH}&district=DAR&view=published&version=1`)).json();
    expect(neetOf(v2)).not.toBe(dartfordBefore);
    expect(neetOf(v1)).toBe(dartfordBefore);
    expect((await viewer.inject(`/api/publications/${MONTH}/revisions`)).json()).toMatchObject({ version: 2, changes: [] });

    expect((await viewer.inject({ method: 'POST', url: `/api/publications/${MONTH}/withdraw`, payload: { version: 2, reason: 'x' } })).statusCode).toBe(403);
    const withdrawn = await approver.inject({
      method: 'POST', url: `/api/publications/${MONTH}/withdraw`, payload: { version: 2, reason: 'Published before the NEET check' },
    });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect(withdrawn.json()).toMatchObject({
      version: 2, current: false, withdrawal: { reason: 'Published before the NEET check', withdrawnBy: { email: approver.user.email } },
    });
    const again = await approver.inject({ method: 'POST', url: `/api/publications/${MONTH}/withdraw`, payload: { version: 2, reason: 'again' } });
    expect(again.statusCode).toBe(409);
    const audited = await t.pool.query(`SELECT object, details->>'reason' AS reason FROM audit_log WHERE action = 'publication_withdrawn'`);
    expect(audited.rows).toEqual([{ object: `${MONTH} version 2`, reason: 'Published before the NEET check' }]);

    const list = (await viewer.inject('/api/publications')).json().publications;
    expect(list.map((p: { version: number; current: boolean }) => [p.version, p.current])).toEqual([[2, false], [1, true]]);
    expect((await viewer.inject(`/api/publications/${MONTH}`)).json().version).toBe(1);
    // Still readable, marked withdrawn.
    const readable = (await viewer.inject(`/api/publications/${MONTH}?version=2`)).json();
    expect(readable).toMatchObject({ version: 2, current: false, note: 'NEET figures revised after the March extract' });
    expect(readable.withdrawal.reason).toBe('Published before the NEET check');
    expect(neetOf((await viewer.inject(`/api/scorecard?month=${MONTH}&district=DAR&view=published`)).json())).toBe(dartfordBefore);
    const missing = await viewer.inject(`/api/publications/${MONTH}?version=7`);
    expect(missing.statusCode).toBe(404);
    expect(missing.json().message).toBe(`${MONTH} has no version 7 (it has 1, 2)`);
  });
});

describe('immutability', () => {
  const attempts = [
    `UPDATE releases SET note = 'changed'`,
    'DELETE FROM releases',
    'TRUNCATE releases CASCADE',
    `UPDATE release_files SET bytes = '\\x00'`,
    'DELETE FROM release_files',
    `UPDATE release_withdrawals SET reason = 'changed'`,
    'DELETE FROM release_withdrawals',
  ];

  it('refuses every update, delete and truncate through the app\'s own connection', async () => {
    // The board packs rendered after the answer are stored first (a TRUNCATE would otherwise wait on them).
    await packsRendered();
    for (const statement of attempts) {
      await expect(t.pool.query(statement), statement).rejects.toThrow(/a published release cannot be changed or deleted/);
    }
  });

  it('refuses them with session_replication_role = replica too (triggers ENABLE ALWAYS)', async () => {
    const client = await t.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      for (const statement of attempts) {
        await expect(client.query(statement), statement).rejects.toThrow(/a published release cannot be changed or deleted/);
      }
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
    const { rows } = await t.pool.query(`SELECT version, note FROM releases ORDER BY version`);
    expect(rows).toEqual([{ version: 1, note: 'First release' }, { version: 2, note: 'NEET figures revised after the March extract' }]);
  });
});

describe('required commentary and the executive summary', () => {
  beforeAll(async () => {
    // Back to nothing signed off for the month.
    await t.pool.query('DELETE FROM commentary WHERE month = $1::date', [`${MONTH}-01`]);
    await t.pool.query('DELETE FROM executive_summaries WHERE month = $1', [MONTH]);
  });

  it('lists every red or amber county indicator without approved commentary, and the summary, as not_ready', async () => {
    const required = await requiredCodes();
    expect(required.length).toBeGreaterThan(1);
    const [first, ...rest] = required as string[];
    await t.pool.query(`INSERT INTO commentary (month, geography_code, indicator_code, text, state, author_email, author_name)
      VALUES ($1::date, 'KENT', $2, 'Being written', 'submitted', 'writer@kent.example', 'Sam Writer')`, [`${MONTH}-01`, first]);

    const refused = await publish({ month: MONTH, note: 'Third go' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json()).toMatchObject({ error: 'not_ready', datasets: [] });
    expect(refused.json().missing).toEqual([
      { indicatorCode: first, geographyCode: 'KENT', state: 'submitted' },
      ...rest.map((code) => ({ indicatorCode: code, geographyCode: 'KENT', state: 'missing' })),
      { indicatorCode: null, geographyCode: 'KENT', state: 'missing' },
    ]);
    expect(await publicationBlockers(t.db, t.pool, MONTH)).toEqual({ missing: refused.json().missing, datasets: [] });
  });

  it('publishes once everything required is approved, with the approved commentary and summary in the release', async () => {
    const required = await requiredCodes();
    await signOffEverythingRequired();
    // A draft elsewhere is not published.
    await t.pool.query(`INSERT INTO commentary (month, geography_code, indicator_code, text, state) VALUES ($1::date, 'DAR', 'neet_16_18_pct', 'Draft', 'draft')`,
      [`${MONTH}-01`]);

    const response = await publish({ month: MONTH, note: 'With the approved commentary' });
    expect(response.statusCode, response.body).toBe(201);
    expect(response.json().version).toBe(3);
    const release = (await viewer.inject(`/api/publications/${MONTH}`)).json();
    expect(release.summary).toEqual({ dataHeadlines: 'Headlines', recentActivity: 'Recent', plannedActivity: 'Planned', state: 'approved' });
    expect(release.commentary.map((c: { indicatorCode: string }) => c.indicatorCode).sort()).toEqual([...required].sort());
    expect(release.commentary[0]).toMatchObject({
      geographyCode: 'KENT', state: 'approved', required: true, author: { email: 'writer@kent.example', name: 'Sam Writer' },
      reviewer: { email: 'boss@kent.example', name: 'Bo Boss' },
    });
    const pdf = await viewer.inject(`/api/publications/${MONTH}/board-pack.pdf`);
    expect(pdfPages(pdf.rawPayload).join('\n')).toContain(`Approved text on ${required[0]}`);
  });
});
