// The published views of the indicator and caseload pages (reporting.md, "Reading a published month" and
// "Partners"): the series, the caseloads and the commentary of a published month as the release froze them;
// partners get only those, in publication mode, whatever they ask; staff switch between live and published.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { can } from '../../../api/src/access/roles.js';
import { buildApp, type App } from '../../../api/src/app.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { MONTH, seedExportData } from '../export/seed.js';

let t: TestDatabase;
let app: App;
let approver: SignedInClient;
let viewer: SignedInClient;
let partner: SignedInClient;

type Point = { month: string; geographyCode: string; value: number | null; numerator: number | null; status: string; suppressed?: boolean };

beforeAll(async () => {
  t = await createTestDatabase();
  await seedExportData(t.pool);
  app = await buildApp({ pool: t.pool });
  approver = await signedIn(app, t.pool, 'approver', { name: 'Alex Approver' });
  viewer = await signedIn(app, t.pool, 'viewer');
  partner = await signedIn(app, t.pool, 'partner');
});

afterAll(async () => {
  await app?.close();
  await t?.drop();
});

/** Approved commentary on every required indicator (and on DAR's NEET), an approved summary, and a draft. */
async function signOff(): Promise<void> {
  const county = (await viewer.inject(`/api/scorecard?month=${MONTH}`)).json();
  const required = county.indicators.filter((i: { status: string }) => i.status === 'red' || i.status === 'amber').map((i: { code: string }) => i.code);
  await t.pool.query(`
    INSERT INTO commentary (month, geography_code, indicator_code, text, state, author_email, author_name, reviewer_email, reviewer_name)
    SELECT $1::date, 'KENT', code, 'Approved text on ' || code, 'approved', 'writer@kent.example', 'Sam Writer', 'boss@kent.example', 'Bo Boss'
    FROM unnest($2::text[]) AS code`, [`${MONTH}-01`, required]);
  await t.pool.query(`
    INSERT INTO commentary (month, geography_code, indicator_code, text, state, author_email, author_name, reviewer_email, reviewer_name)
    VALUES ($1::date, 'DAR', 'neet_16_18_pct', 'Dartford: approved', 'approved', 'writer@kent.example', 'Sam Writer', 'boss@kent.example', 'Bo Boss'),
           ($1::date, 'DAR', 'yj_first_time_entrants', 'Dartford: a draft nobody approved', 'draft', 'writer@kent.example', 'Sam Writer', NULL, NULL)`,
  [`${MONTH}-01`]);
  await t.pool.query(`INSERT INTO executive_summaries (month, data_headlines, recent_activity, planned_activity, state, author_id, updated_at)
    VALUES ($1, 'Headlines', 'Recent', 'Planned', 'approved', $2, now())`, [MONTH, approver.user.id]);
}

const neet = (query: string, client: SignedInClient = viewer) => client.inject(`/api/indicators/neet_16_18_pct/series?${query}`);

describe('before any month is published', () => {
  it('refuses partners the indicator, caseload and commentary figures; staff asking for a published view get 404', async () => {
    for (const url of [`/api/indicators/neet_16_18_pct/series?to=${MONTH}`, `/api/caseloads?month=${MONTH}`, `/api/commentary?month=${MONTH}`]) {
      const refused = await partner.inject(url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().message, url).toMatch(/no month has been published yet/);
    }
    const staff = await viewer.inject(`/api/caseloads?month=${MONTH}&view=published`);
    expect(staff.statusCode).toBe(404);
    expect(staff.json()).toEqual({ error: 'not_found', message: `${MONTH} has not been published` });
    const latest = await neet('view=published');
    expect(latest.statusCode).toBe(404);
    expect(latest.json().message).toBe('no month has been published yet');
  });
});

describe('a published month', () => {
  let liveDar: Point[];
  let liveCaseloads: Record<string, unknown>;

  beforeAll(async () => {
    await signOff();
    liveDar = (await neet(`district=DAR&to=${MONTH}`)).json().points;
    liveCaseloads = (await viewer.inject(`/api/caseloads?month=${MONTH}`)).json();
    const published = await approver.inject({ method: 'POST', url: '/api/publications', payload: { month: MONTH, note: '' } });
    expect(published.statusCode, published.body).toBe(201);
    // A later extract revises DAR's NEET figures and THA's caseload: the published views must not move.
    await t.pool.query(`UPDATE indicator_results SET numerator = 40 WHERE indicator_code = 'neet_16_18_pct' AND district_code = 'DAR' AND month = $1::date`,
      [`${MONTH}-01`]);
  });

  it('answers staff the frozen series (24 months up to the month at most) while the live one moves', async () => {
    const published = await neet(`district=DAR&view=published&to=${MONTH}`);
    expect(published.statusCode, published.body).toBe(200);
    const body = published.json();
    expect(body).toMatchObject({ code: 'neet_16_18_pct', geography: { type: 'district', code: 'DAR', name: 'Dartford' }, by: null });
    // The live series as it stood, from the release's first month (the data go back further).
    expect(body.points).toEqual(liveDar.slice(-Math.min(24, liveDar.length)));
    expect(body.points.at(-1).numerator).toBe(3);
    const live = (await neet(`district=DAR&to=${MONTH}`)).json();
    expect(live.points.at(-1).numerator).toBe(40);
    // Without `to`: the latest published month; `from` narrows it; a version that does not exist is a 404.
    expect((await neet('district=DAR&view=published')).json()).toEqual(body);
    expect((await neet(`district=DAR&view=published&from=${MONTH}`)).json().points).toHaveLength(1);
    const noVersion = await neet(`view=published&to=${MONTH}&version=7`);
    expect(noVersion.statusCode).toBe(404);
    expect(noVersion.json().message).toContain('has no version 7');
    expect((await neet(`view=live&version=1`)).statusCode).toBe(400);
    expect((await viewer.inject(`/api/indicators/pa_primary_15pct/series?view=published`)).statusCode).toBe(404);
  });

  it('compares districts and areas at the month as published', async () => {
    const districts = (await neet(`view=published&from=${MONTH}&to=${MONTH}&by=district`)).json();
    const codes = (body: { points: Point[] }) => body.points.map((p) => p.geographyCode);
    // In the order the live comparison gives (area, then district name).
    expect(codes(districts)).toEqual(['CAN', 'SWA', 'THA', 'GRA', 'DAR', 'SEV', 'MAI', 'WEA']);
    expect(districts.points.find((p: Point) => p.geographyCode === 'DAR').numerator).toBe(3);
    const areas = (await neet(`view=published&from=${MONTH}&to=${MONTH}&by=area`)).json();
    expect(codes(areas)).toEqual(codes((await neet(`from=${MONTH}&to=${MONTH}&by=area`)).json()));
    expect(codes(areas).sort()).toEqual(['EAST', 'NORTH', 'WEST']);
  });

  it('gives partners the published series only, suppressed as the suppressed exports are', async () => {
    const asked = await neet(`district=DAR&to=${MONTH}`, partner);
    expect(asked.statusCode, asked.body).toBe(200);
    const dar = asked.json().points.at(-1);
    // DAR's NEET numerator was 3 when published (and 40 live now): hidden, with the value and status it would give away.
    expect(dar).toMatchObject({ month: MONTH, value: null, numerator: null, status: 'no_data', suppressed: true });
    // What a staff member sees with suppress=true, and no more.
    expect(asked.json()).toEqual((await neet(`district=DAR&to=${MONTH}&view=published&suppress=true`)).json());
    const compared = (await neet(`from=${MONTH}&to=${MONTH}&by=district`, partner)).json().points;
    const hidden = compared.filter((p: Point) => p.suppressed).map((p: Point) => p.geographyCode);
    expect(hidden.sort()).toEqual(['CAN', 'DAR', 'GRA', 'MAI', 'SWA', 'WEA']);
    // A smaller count never slips out: every district the rule protects has no numerator.
    expect(compared.filter((p: Point) => p.suppressed).every((p: Point) => p.value === null)).toBe(true);
    const live = await neet(`district=DAR&to=${MONTH}&view=live`, partner);
    expect(live.statusCode).toBe(403);
    expect(live.json().message).toMatch(/ask for view=published/);
    const unpublished = await neet('to=2016-01', partner);
    expect(unpublished.statusCode).toBe(404);
    expect(unpublished.json()).toEqual({ error: 'not_found', message: '2016-01 has not been published' });
  });

  it('answers the caseloads as published, and partners the suppressed ones only', async () => {
    const staff = await viewer.inject(`/api/caseloads?month=${MONTH}&view=published`);
    expect(staff.statusCode, staff.body).toBe(200);
    expect(staff.json()).toEqual(liveCaseloads);
    const forPartner = await partner.inject(`/api/caseloads?month=${MONTH}`);
    expect(forPartner.statusCode, forPartner.body).toBe(200);
    expect(forPartner.json()).toEqual((await viewer.inject(`/api/caseloads?month=${MONTH}&view=published&suppress=true`)).json());
    const body = forPartner.json() as { districts: { code: string; current: number | null; suppressed?: boolean }[]; county: { current: number | null } };
    const tha = body.districts.find((d) => d.code === 'THA')!;
    expect(tha).toMatchObject({ current: null, suppressed: true });
    // Every current count a partner sees is 0 or at least 5.
    for (const d of body.districts) if (d.current !== null) expect(d.current === 0 || d.current >= 5, d.code).toBe(true);
    expect(body.county.current).not.toBeNull();
    expect((await partner.inject(`/api/caseloads?month=${MONTH}&view=live`)).statusCode).toBe(403);
    // Without a month: the latest published month for the published view (partners'), a 400 for the live one.
    expect((await partner.inject('/api/caseloads')).json()).toEqual(forPartner.json());
    expect((await partner.inject('/api/scorecard?district=DAR')).json()).toEqual((await partner.inject(`/api/scorecard?month=${MONTH}&district=DAR`)).json());
    expect((await partner.inject('/api/commentary?district=DAR')).json().month).toBe(MONTH);
    expect((await viewer.inject('/api/caseloads')).json()).toEqual({ error: 'bad_request', message: "missing query parameter 'month'" });
    expect((await partner.inject('/api/caseloads?month=2016-01')).statusCode).toBe(404);
  });

  it('answers the commentary the month was published with: approved only, for partners too; never its history', async () => {
    const forPartner = await partner.inject(`/api/commentary?month=${MONTH}&district=DAR`);
    expect(forPartner.statusCode, forPartner.body).toBe(200);
    expect(forPartner.json().items.map((i: { text: string; state: string }) => [i.text, i.state])).toEqual([['Dartford: approved', 'approved']]);
    const county = (await partner.inject(`/api/commentary?month=${MONTH}`)).json();
    expect(county.items.length).toBeGreaterThan(1);
    expect(county.items.every((i: { state: string }) => i.state === 'approved')).toBe(true);
    // Staff: the draft is in the live commentary, not in the published one.
    const live = (await viewer.inject(`/api/commentary?month=${MONTH}&district=DAR`)).json();
    expect(live.items.map((i: { state: string }) => i.state).sort()).toEqual(['approved', 'draft']);
    expect((await viewer.inject(`/api/commentary?month=${MONTH}&district=DAR&view=published`)).json()).toEqual(forPartner.json());
    const history = await partner.inject(`/api/commentary/${MONTH}/DAR/neet_16_18_pct/history`);
    expect(history.statusCode).toBe(403);
    expect(history.json().message).toMatch(/commentary history/);
    expect((await partner.inject(`/api/commentary?month=${MONTH}&view=live`)).statusCode).toBe(403);
  });

  it('refuses partners the live-only routes of the indicator and caseload pages, and the full release', async () => {
    for (const url of [
      `/api/publications/${MONTH}`, `/api/publications/${MONTH}/revisions`, `/api/publications/${MONTH}/readiness`,
      '/api/benchmarks/neet_16_18_pct', '/api/datasets', `/api/summary/${MONTH}`,
    ]) {
      const refused = await partner.inject(url);
      expect(refused.statusCode, url).toBe(403);
      expect(refused.json().message, url).toMatch(/for council staff/);
    }
    // What the navigation needs stays readable.
    for (const url of ['/api/indicators', '/api/months', '/api/geographies', '/api/publications']) {
      expect((await partner.inject(url)).statusCode, url).toBe(200);
    }
  });

  it('declares what partners get on every route: no figure route leaves it to its handler', async () => {
    const byUrl = new Map(app.routeAccess.filter((r) => r.method === 'GET').map((r) => [r.url, r.partners]));
    expect(byUrl.get('/api/scorecard')).toBe('published');
    expect(byUrl.get('/api/indicators/:code/series')).toBe('published');
    expect(byUrl.get('/api/caseloads')).toBe('published');
    expect(byUrl.get('/api/commentary')).toBe('published');
    expect(byUrl.get('/api/publications/:month')).toBe('refused');
    expect(byUrl.get('/api/commentary/:month/:geographyCode/:indicatorCode/history')).toBe('refused');
    expect(byUrl.get('/api/publications/:month/board-pack.pdf')).toBe('suppressed');
    expect(byUrl.get('/api/publications')).toBe('current_versions');
  });

  // Whoever adds a route a partner may call decides what they get from it: a new route fails here until it is
  // declared (liveFigures/publishedView, publicationMode, notForPartners) or added to this list on purpose.
  it('lets partners reach as everyone else only the routes approved here', () => {
    // Signed-in routes (public ones are everyone's; HEAD answers as GET does).
    const APPROVED = [
      // Who they are, their password, the no-role page, their API tokens.
      'GET /api/me', 'GET /auth/password', 'POST /auth/password', 'GET /auth/no-access',
      'GET /api/tokens', 'POST /api/tokens', 'DELETE /api/tokens/:id',
      // The catalogue and the navigation: no figures.
      'GET /api/indicators', 'GET /api/months', 'GET /api/geographies',
      // The API's description.
      'GET /api/openapi.json', 'GET /api/docs', 'GET /api/docs/json', 'GET /api/docs/yaml', 'GET /api/docs/static/*',
      'GET /api/docs/static/index.html', 'GET /api/docs/static/swagger-initializer.js',
    ];
    const asOthers = app.routeAccess
      .filter((r) => r.partners === 'as_others' && r.method !== 'HEAD' && r.access !== 'public'
        && (r.access === 'signed_in' || can('partner', r.access)))
      .map((r) => `${r.method} ${r.url}`);
    expect([...new Set(asOthers)].sort()).toEqual([...APPROVED].sort());
  });
});

describe('superseded and withdrawn versions', () => {
  // Its own app, publishing without the background pack job (the first app's job is busy with version 1).
  let quiet: App;
  let staff: SignedInClient;
  let reader: SignedInClient;

  beforeAll(async () => {
    quiet = await buildApp({ pool: t.pool, renderBoardPacks: false });
    staff = await signedIn(quiet, t.pool, 'approver', { name: 'Ava Approver' });
    reader = await signedIn(quiet, t.pool, 'partner');
    // Version 1 (published above) is superseded by 2; 3 is published, then withdrawn: 2 is current.
    for (const note of ['Second release', 'Third release']) {
      const published = await staff.inject({ method: 'POST', url: '/api/publications', payload: { month: MONTH, note } });
      expect(published.statusCode, published.body).toBe(201);
    }
    const withdrawn = await staff.inject({ method: 'POST', url: `/api/publications/${MONTH}/withdraw`, payload: { version: 3, reason: 'Published in error' } });
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
  });

  afterAll(async () => {
    await quiet?.close();
  });

  const views = [
    `/api/scorecard?month=${MONTH}&district=DAR`,
    `/api/indicators/neet_16_18_pct/series?to=${MONTH}&district=DAR`,
    `/api/caseloads?month=${MONTH}`,
    `/api/commentary?month=${MONTH}&district=DAR`,
    `/api/publications/${MONTH}/board-pack.pdf?district=DAR`,
    `/api/publications/${MONTH}/board-pack.xlsx?district=DAR`,
  ];

  it('refuses partners any version of the published views and board packs: a superseded, a withdrawn, even the current one', async () => {
    for (const url of views) {
      for (const version of [1, 2, 3]) {
        const refused = await reader.inject(`${url}&version=${version}`);
        expect(refused.statusCode, `${url} version ${version}`).toBe(403);
        expect(refused.json().message).toMatch(/current version of a published month only/);
      }
      // Staff still read every version, the withdrawn one included (views only: no pack is rendered here).
      if (!url.includes('board-pack')) {
        for (const version of [1, 3]) expect((await staff.inject(`${url}&version=${version}`)).statusCode, `${url} version ${version}`).toBe(200);
      }
    }
  });

  it('lists partners the current version of the month only; staff every version, with the withdrawal', async () => {
    // Whatever they ask: current=false is overridden for them.
    for (const url of ['/api/publications', '/api/publications?current=false']) {
      const listed = await reader.inject(url);
      expect(listed.statusCode, listed.body).toBe(200);
      const versions = listed.json().publications.filter((p: { month: string }) => p.month === MONTH);
      expect(versions.map((p: { version: number }) => p.version), url).toEqual([2]);
      expect(versions[0], url).toMatchObject({ current: true, withdrawal: null, note: 'Second release', publishedBy: { name: 'Ava Approver' } });
      expect(listed.body, url).not.toContain('Published in error');
      expect(listed.body, url).not.toContain('Third release');
    }
    const all = (await staff.inject('/api/publications')).json().publications.filter((p: { month: string }) => p.month === MONTH);
    expect(all.map((p: { version: number; current: boolean }) => [p.version, p.current])).toEqual([[3, false], [2, true], [1, false]]);
    expect(all[0].withdrawal).toMatchObject({ reason: 'Published in error', withdrawnBy: { name: 'Ava Approver' } });
    // Staff may ask for the partners' list.
    const current = (await staff.inject('/api/publications?current=true')).json().publications.filter((p: { month: string }) => p.month === MONTH);
    expect(current.map((p: { version: number }) => p.version)).toEqual([2]);
  });

  it('answers partners the current version without one', async () => {
    for (const url of views.filter((u) => !u.includes('board-pack'))) {
      const current = await reader.inject(url);
      expect(current.statusCode, url).toBe(200);
      expect(current.json(), url).toEqual((await staff.inject(`${url}&view=published&version=2&suppress=true`)).json());
    }
    const pack = await reader.inject(views[4]!);
    expect(pack.statusCode, pack.body).toBe(200);
    expect(pack.headers['content-disposition']).toBe(`attachment; filename="board-pack-${MONTH}-v2-dar-suppressed.pdf"`);
  });
});
