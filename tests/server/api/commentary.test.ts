// Commentary and sign-off (reporting.md, "Commentary"): every change of state allowed and refused, who may
// write and approve (roles, a contributor's scope, the self-approval rule both ways), required and missing
// items from the scorecard's statuses, carried-over drafts, the history (append-only in the database),
// text limits, owners and due dates, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { approvedCommentary } from '../../../api/src/commentary/store.js';
import { createTestUser, signedIn, signedInWithSession, type SignedInClient } from '../../support/auth.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertResults, seedScorecardData } from './seed.js';

let t: TestDatabase;
let app: App;
let analyst: SignedInClient;
let approver: SignedInClient;
let viewer: SignedInClient;

beforeAll(async () => {
  t = await createTestDatabase();
  await seedScorecardData(t.pool);
  // 2015-10 at the county: first-time entrants 30 against target 20, floor 25 (red); plans 35 % (amber).
  await insertResults(t.pool, [
    ['yj_first_time_entrants', '2015-10', 'CAN', 30, null],
    ['eh_plans_within_4_weeks_pct', '2015-10', 'CAN', 35, 100],
  ]);
  app = await buildApp({ pool: t.pool });
  analyst = await signedIn(app, t.pool, 'analyst', { name: 'Ann Analyst' });
  approver = await signedIn(app, t.pool, 'approver', { name: 'Abe Approver' });
  viewer = await signedIn(app, t.pool, 'viewer');
});
afterAll(async () => {
  await app.close();
  await t.drop();
});

const AMBER = 'eh_plans_within_4_weeks_pct'; // amber at the county in 2015-06 (seed.ts)
const GREEN = 'yj_first_time_entrants'; // green at the county in 2015-06

const url = (month: string, geography: string, indicator: string, action = '') =>
  `/api/commentary/${month}/${geography}/${indicator}${action ? `/${action}` : ''}`;

function save(client: SignedInClient, month: string, geography: string, indicator: string, text: string) {
  return client.inject({ method: 'PUT', url: url(month, geography, indicator), payload: { text } });
}
function act(client: SignedInClient, month: string, geography: string, indicator: string, action: 'submit' | 'approve' | 'return', note?: string) {
  return client.inject({ method: 'POST', url: url(month, geography, indicator, action), ...(note === undefined ? {} : { payload: { note } }) });
}
async function list(client: SignedInClient, query: string) {
  const response = await client.inject(`/api/commentary?${query}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as { month: string; items: { indicatorCode: string; geographyCode: string; state: string; required: boolean; text: string; carriedOver?: boolean }[] };
}
function expectConflict(response: { statusCode: number; json(): unknown; body: string }) {
  expect(response.statusCode, response.body).toBe(409);
  expect(response.json()).toMatchObject({ error: 'conflict', message: expect.any(String) });
}

describe('the states', () => {
  it('goes draft → submitted → approved, each step answered with the item', async () => {
    const saved = await save(analyst, '2015-06', 'KENT', AMBER, 'Plans are slower.\nA new triage rota starts in July.');
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toMatchObject({
      indicatorCode: AMBER, geographyCode: 'KENT', state: 'draft', required: true,
      text: 'Plans are slower.\nA new triage rota starts in July.',
      author: { email: analyst.user.email, name: 'Ann Analyst' }, reviewer: null, reviewNote: null,
    });
    expect((await act(analyst, '2015-06', 'KENT', AMBER, 'submit')).json()).toMatchObject({ state: 'submitted' });
    const approved = await act(approver, '2015-06', 'KENT', AMBER, 'approve');
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json()).toMatchObject({ state: 'approved', reviewer: { email: approver.user.email, name: 'Abe Approver' } });
  });

  it('refuses what the rules do not allow with 409: submitting or approving an approved text', async () => {
    expectConflict(await act(analyst, '2015-06', 'KENT', AMBER, 'submit'));
    expectConflict(await act(approver, '2015-06', 'KENT', AMBER, 'approve'));
    expectConflict(await act(approver, '2015-06', 'KENT', AMBER, 'return', 'Why?'));
  });

  it('makes an edited approved text a draft again, which cannot be approved or returned until submitted', async () => {
    expect((await save(analyst, '2015-06', 'KENT', AMBER, 'Revised text')).json()).toMatchObject({ state: 'draft', reviewer: null });
    expectConflict(await act(approver, '2015-06', 'KENT', AMBER, 'approve'));
    expectConflict(await act(approver, '2015-06', 'KENT', AMBER, 'return', 'No'));
  });

  it('returns a submitted text with the note; it must be edited before it is submitted again', async () => {
    await act(analyst, '2015-06', 'KENT', AMBER, 'submit');
    expectConflict(await act(analyst, '2015-06', 'KENT', AMBER, 'submit'));
    const returned = await act(approver, '2015-06', 'KENT', AMBER, 'return', 'Say what is being done.');
    expect(returned.json()).toMatchObject({ state: 'returned', reviewNote: 'Say what is being done.' });
    expectConflict(await act(analyst, '2015-06', 'KENT', AMBER, 'submit'));
    expectConflict(await act(approver, '2015-06', 'KENT', AMBER, 'approve'));
    expectConflict(await act(approver, '2015-06', 'KENT', AMBER, 'return', 'Again'));
    expect((await save(analyst, '2015-06', 'KENT', AMBER, 'Revised: a triage rota from July.')).json()).toMatchObject({ state: 'draft', reviewNote: null });
    expect((await act(analyst, '2015-06', 'KENT', AMBER, 'submit')).json()).toMatchObject({ state: 'submitted' });
    expect((await act(approver, '2015-06', 'KENT', AMBER, 'approve')).json()).toMatchObject({ state: 'approved' });
  });

  it('refuses to submit, approve or return what is not written yet (409)', async () => {
    expectConflict(await act(analyst, '2015-06', 'DAR', GREEN, 'submit'));
    expectConflict(await act(approver, '2015-06', 'DAR', GREEN, 'approve'));
    expectConflict(await act(approver, '2015-06', 'DAR', GREEN, 'return', 'x'));
  });
});

describe('text', () => {
  it('keeps line breaks and markup as plain text, and Windows line ends as \\n', async () => {
    const saved = await save(analyst, '2015-06', 'DAR', AMBER, '<b>Not bold</b>\r\nSecond line');
    expect(saved.json().text).toBe('<b>Not bold</b>\nSecond line');
  });
  it('accepts 4,000 characters and refuses 4,001, an empty or a blank text, naming the field', async () => {
    expect((await save(analyst, '2015-06', 'GRA', AMBER, 'é'.repeat(4000))).statusCode).toBe(200);
    for (const [text, message] of [['x'.repeat(4001), /at most 4,000 characters, got 4,001/], ['', /must not be empty/], [' \n ', /must not be empty/]] as const) {
      const refused = await save(analyst, '2015-06', 'GRA', AMBER, text);
      expect(refused.statusCode).toBe(400);
      expect(refused.json()).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/'text'/) });
      expect(refused.json().message).toMatch(message);
    }
    expect((await analyst.inject({ method: 'PUT', url: url('2015-06', 'GRA', AMBER), payload: {} })).statusCode).toBe(400);
    // Nothing stored changed.
    const items = (await list(analyst, 'month=2015-06&district=GRA')).items;
    expect(items.find((i) => i.indicatorCode === AMBER)!.text).toBe('é'.repeat(4000));
  });
  it('refuses an unknown geography, indicator or month with 400 naming it', async () => {
    expect((await save(analyst, '2015-06', 'NOWHERE', AMBER, 'x')).json().message).toMatch(/geographyCode.*NOWHERE/);
    expect((await save(analyst, '2015-06', 'KENT', 'no_such_kpi', 'x')).json().message).toMatch(/indicatorCode.*no_such_kpi/);
    expect((await save(analyst, '2030-01', 'KENT', AMBER, 'x')).statusCode).toBe(400);
  });
});

describe('who may', () => {
  it('refuses a viewer every write, and partners the commentary and its history', async () => {
    expect((await save(viewer, '2015-06', 'KENT', GREEN, 'x')).statusCode).toBe(403);
    expect((await act(viewer, '2015-06', 'KENT', AMBER, 'submit')).statusCode).toBe(403);
    const partner = await signedIn(app, t.pool, 'partner');
    expect((await partner.inject('/api/commentary?month=2015-06')).statusCode).toBe(403);
    expect((await partner.inject(url('2015-06', 'KENT', AMBER, 'history'))).statusCode).toBe(403);
    expect((await viewer.inject(url('2015-06', 'KENT', AMBER, 'history'))).statusCode).toBe(200);
  });

  it('lets a contributor write and submit in scope only (an area includes its districts), never approve', async () => {
    const contributor = await signedIn(app, t.pool, 'contributor', { scope: ['NORTH'] });
    for (const inside of ['NORTH', 'DAR', 'GRA']) {
      expect((await save(contributor, '2015-06', inside, GREEN, `In ${inside}`)).statusCode, inside).toBe(200);
      expect((await act(contributor, '2015-06', inside, GREEN, 'submit')).statusCode, inside).toBe(200);
    }
    for (const outside of ['KENT', 'EAST', 'CAN']) {
      const refused = await save(contributor, '2015-06', outside, GREEN, 'Out of scope');
      expect(refused.statusCode, outside).toBe(403);
      expect(refused.json().message).toMatch(/scope/);
    }
    expect((await act(contributor, '2015-06', 'DAR', GREEN, 'approve')).statusCode).toBe(403);
    expect((await act(contributor, '2015-06', 'DAR', GREEN, 'return', 'no')).statusCode).toBe(403);
    const countyContributor = await signedIn(app, t.pool, 'contributor', { scope: ['KENT'] });
    expect((await save(countyContributor, '2015-06', 'CAN', GREEN, 'County scope')).statusCode).toBe(200);
  });

  it('lets analysts write but not approve', async () => {
    await save(approver, '2015-06', 'EAST', GREEN, 'By an approver');
    await act(approver, '2015-06', 'EAST', GREEN, 'submit');
    expect((await act(analyst, '2015-06', 'EAST', GREEN, 'approve')).statusCode).toBe(403);
  });

  it('refuses an approver approving the text they wrote last, and lets another approve it', async () => {
    const refused = await act(approver, '2015-06', 'EAST', GREEN, 'approve');
    // 403, not 409: the change is allowed, this person may not make it (docs/decisions.md).
    expect(refused.statusCode).toBe(403);
    // The only approver so far: the refusal says how to go on.
    expect(refused.json()).toEqual({
      error: 'forbidden',
      message: 'You wrote the latest text of the 2015-06 commentary of yj_first_time_entrants for EAST, so you cannot approve it, '
        + 'and there is no other approver or administrator. To go on, someone changes its words and submits it again (whoever '
        + 'saves a different text is then its only writer, so an approver who did not save it can approve it), or an administrator '
        + 'gives the approver role to someone who did not write it.',
    });
    const other = await signedIn(app, t.pool, 'approver');
    expect((await act(approver, '2015-06', 'EAST', GREEN, 'approve')).json()).toEqual({
      error: 'forbidden',
      message: 'You wrote the latest text of the 2015-06 commentary of yj_first_time_entrants for EAST, so you cannot approve it: '
        + 'another approver or administrator must approve it.',
    });
    expect((await act(other, '2015-06', 'EAST', GREEN, 'approve')).json()).toMatchObject({ state: 'approved' });
  });

  it('refuses an admin their own text while another approver or admin exists', async () => {
    const admin = await signedIn(app, t.pool, 'admin');
    await save(admin, '2015-06', 'NORTH', AMBER, 'By an admin');
    await act(admin, '2015-06', 'NORTH', AMBER, 'submit');
    expect((await act(admin, '2015-06', 'NORTH', AMBER, 'approve')).statusCode).toBe(403);
  });

  it('accepts commentary carried by a session with its CSRF token only', async () => {
    const browser = await signedInWithSession(app, t.pool, 'analyst');
    expect((await browser.inject({ method: 'PUT', url: url('2015-06', 'CAN', AMBER), payload: { text: 'From the page' } })).statusCode).toBe(200);
    const noToken = await app.inject({ method: 'PUT', url: url('2015-06', 'CAN', AMBER), payload: { text: 'x' }, headers: { cookie: browser.cookie } });
    expect(noToken.statusCode).toBe(403);
  });
});

describe('a one-person installation', () => {
  it('lets the only admin approve their own text, recorded as self-approved', async () => {
    const lone = await createTestDatabase();
    try {
      await seedScorecardData(lone.pool);
      const loneApp = await buildApp({ pool: lone.pool });
      try {
        const admin = await signedIn(loneApp, lone.pool, 'admin');
        // Other roles do not count as approvers.
        await createTestUser(lone.pool, 'analyst');
        await admin.inject({ method: 'PUT', url: url('2015-06', 'KENT', AMBER), payload: { text: 'Alone' } });
        await admin.inject({ method: 'POST', url: url('2015-06', 'KENT', AMBER, 'submit') });
        const approved = await admin.inject({ method: 'POST', url: url('2015-06', 'KENT', AMBER, 'approve') });
        expect(approved.statusCode, approved.body).toBe(200);
        expect(approved.json()).toMatchObject({ state: 'approved', reviewer: { email: admin.user.email } });
        const history = (await admin.inject(url('2015-06', 'KENT', AMBER, 'history'))).json().entries;
        expect(history.at(-1)).toMatchObject({ action: 'approve', state: 'approved', selfApproved: true });
        const { rows } = await lone.pool.query(`SELECT details FROM audit_log WHERE action = 'commentary_approve'`);
        expect(rows[0].details).toMatchObject({ selfApproved: true, state: 'approved' });
      } finally {
        await loneApp.close();
      }
    } finally {
      await lone.drop();
    }
  });
});

describe('two approvers who both wrote it', () => {
  // One approver wrote January's text, the other submits it unchanged in February: neither may approve, and
  // nobody else can. The rule stays; the refusal says the way out (docs/decisions.md).
  it('refuses both, saying how to go on; once one of them changes its words, the other approves', async () => {
    const pair = await createTestDatabase();
    try {
      await seedScorecardData(pair.pool);
      const pairApp = await buildApp({ pool: pair.pool });
      try {
        const ann = await signedIn(pairApp, pair.pool, 'approver', { name: 'Ann One' });
        const ben = await signedIn(pairApp, pair.pool, 'approver', { name: 'Ben Two' });
        await createTestUser(pair.pool, 'analyst');
        expect((await save(ann, '2015-01', 'KENT', AMBER, 'January words')).statusCode).toBe(200);
        expect((await act(ann, '2015-01', 'KENT', AMBER, 'submit')).statusCode).toBe(200);
        expect((await act(ben, '2015-01', 'KENT', AMBER, 'approve')).json()).toMatchObject({ state: 'approved' });
        expect((await act(ben, '2015-02', 'KENT', AMBER, 'submit')).json()).toMatchObject({ state: 'submitted', carriedWriters: [{ email: ann.user.email }] });

        for (const writer of [ann, ben]) {
          const refused = await act(writer, '2015-02', 'KENT', AMBER, 'approve');
          expect(refused.statusCode, refused.body).toBe(403);
          expect(refused.json().message).toBe('You wrote the latest text of the 2015-02 commentary of eh_plans_within_4_weeks_pct for KENT, '
            + 'so you cannot approve it, and no other approver or administrator may either: every one of them wrote it too. To go on, '
            + 'someone changes its words and submits it again (whoever saves a different text is then its only writer, so an '
            + 'approver who did not save it can approve it), or an administrator gives the approver role to someone who did not write it.');
        }
        // The way out: Ben changes the words; he alone is their writer, so Ann approves.
        expect((await save(ben, '2015-02', 'KENT', AMBER, 'February words')).statusCode).toBe(200);
        expect((await act(ben, '2015-02', 'KENT', AMBER, 'submit')).statusCode).toBe(200);
        expect((await act(ben, '2015-02', 'KENT', AMBER, 'approve')).json().message).toMatch(/another approver or administrator must approve it\.$/);
        expect((await act(ann, '2015-02', 'KENT', AMBER, 'approve')).json()).toMatchObject({ state: 'approved', reviewer: { name: 'Ann One' } });
      } finally {
        await pairApp.close();
      }
    } finally {
      await pair.drop();
    }
  });
});

describe('required and missing', () => {
  it('lists a missing item for every county indicator red or amber that month, from the scorecard', async () => {
    const scorecard = (await viewer.inject('/api/scorecard?month=2015-10')).json() as { indicators: { code: string; status: string }[] };
    const needed = scorecard.indicators.filter((i) => i.status === 'red' || i.status === 'amber').map((i) => i.code);
    expect(needed).toEqual(expect.arrayContaining([AMBER, GREEN])); // GREEN in June, red in October
    const { items } = await list(viewer, 'month=2015-10');
    expect(items.map((i) => i.indicatorCode)).toEqual(needed);
    expect(items.every((i) => i.state === 'missing' && i.geographyCode === 'KENT' && i.required && i.text === '')).toBe(true);
    // Written, it is no longer missing but still required; at an area it is optional.
    await save(analyst, '2015-10', 'KENT', GREEN, 'More first-time entrants in Canterbury.');
    await save(analyst, '2015-10', 'EAST', GREEN, 'Canterbury again.');
    const after = (await list(viewer, 'month=2015-10')).items;
    expect(after.find((i) => i.geographyCode === 'KENT' && i.indicatorCode === GREEN)).toMatchObject({ state: 'draft', required: true });
    expect(after.find((i) => i.geographyCode === 'EAST')).toMatchObject({ state: 'draft', required: false });
    expect(after.filter((i) => i.state === 'missing').map((i) => i.indicatorCode)).toEqual(needed.filter((c) => c !== GREEN));
  });

  it('marks written county items required by status, others optional, and lists no missing for a district', async () => {
    const { items } = await list(viewer, 'month=2015-06');
    const county = items.find((i) => i.geographyCode === 'KENT' && i.indicatorCode === AMBER)!;
    expect(county).toMatchObject({ state: 'approved', required: true });
    expect(items.find((i) => i.geographyCode === 'DAR' && i.indicatorCode === AMBER)).toMatchObject({ required: false });
    expect(items.some((i) => i.geographyCode === 'KENT' && i.indicatorCode === GREEN)).toBe(false);
    expect(new Set(items.map((i) => i.geographyCode))).toEqual(new Set(['KENT', 'NORTH', 'EAST', 'DAR', 'GRA', 'CAN']));
    const dar = await list(viewer, 'month=2015-06&district=DAR');
    expect(dar.items.every((i) => i.geographyCode === 'DAR' && i.state !== 'missing')).toBe(true);
    const kent = await list(viewer, 'month=2015-06&area=NORTH');
    expect(kent.items.every((i) => i.geographyCode === 'NORTH')).toBe(true);
  });
});

describe('carried over', () => {
  /** Rows of `commentary` stored for the month (a carried-over draft is not stored until written). */
  async function storedCount(month: string): Promise<number> {
    const { rows } = await t.pool.query<{ n: number }>('SELECT count(*)::int AS n FROM commentary WHERE month = $1::date', [`${month}-01`]);
    return rows[0]!.n;
  }
  async function approve(writer: SignedInClient, reviewer: SignedInClient, month: string, geography: string, indicator: string, text: string) {
    expect((await save(writer, month, geography, indicator, text)).statusCode).toBe(200);
    expect((await act(writer, month, geography, indicator, 'submit')).statusCode).toBe(200);
    expect((await act(reviewer, month, geography, indicator, 'approve')).json()).toMatchObject({ state: 'approved' });
  }

  it('reads last month\'s approved texts as drafts marked carried over, with no author, without storing them', async () => {
    await approve(analyst, approver, '2015-01', 'KENT', AMBER, 'January text');
    await save(analyst, '2015-01', 'DAR', AMBER, 'Only a draft');

    for (let read = 0; read < 2; read += 1) {
      const { items } = await list(viewer, 'month=2015-02');
      expect(items.find((i) => i.geographyCode === 'KENT' && i.indicatorCode === AMBER)).toEqual(expect.objectContaining({
        text: 'January text', state: 'draft', carriedOver: true, author: null, updatedAt: null, reviewer: null,
      }));
      expect(items.find((i) => i.geographyCode === 'DAR')).toBeUndefined(); // a draft is not carried
    }
    expect(await storedCount('2015-02')).toBe(0);
    const history = (await viewer.inject(url('2015-02', 'KENT', AMBER, 'history'))).json().entries;
    expect(history).toEqual([expect.objectContaining({
      action: 'carry_over', state: 'draft', by: null, text: 'January text', note: 'Carried over from 2015-01, written by Ann Analyst (approved text)',
    })]);
  });

  it('carries a text approved after the new month was opened (per item, on every read)', async () => {
    // February was read and written above; January's DAR text is approved only now.
    await act(analyst, '2015-01', 'DAR', AMBER, 'submit');
    await act(approver, '2015-01', 'DAR', AMBER, 'approve');
    expect((await list(viewer, 'month=2015-02')).items.find((i) => i.geographyCode === 'DAR')).toMatchObject({
      text: 'Only a draft', state: 'draft', carriedOver: true,
    });
    // Edited again in January (a draft there), it is no longer carried: only an approved text is.
    await save(analyst, '2015-01', 'DAR', AMBER, 'Rewritten in January');
    expect((await list(viewer, 'month=2015-02')).items.find((i) => i.geographyCode === 'DAR')).toBeUndefined();
  });

  it('is never approved or returned without a person: 409, and nothing is stored', async () => {
    expectConflict(await act(approver, '2015-02', 'KENT', AMBER, 'approve'));
    expectConflict(await act(approver, '2015-02', 'KENT', AMBER, 'return', 'No'));
    expect(await storedCount('2015-02')).toBe(0);
  });

  it('is stored on the first save, its carry-over first in the history', async () => {
    await approve(analyst, approver, '2015-01', 'GRA', AMBER, 'Approved in January');
    expect((await save(analyst, '2015-02', 'GRA', AMBER, 'February in Gravesham')).json()).toMatchObject({
      text: 'February in Gravesham', state: 'draft', carriedOver: false, author: { email: analyst.user.email },
    });
    const entries = (await viewer.inject(url('2015-02', 'GRA', AMBER, 'history'))).json().entries;
    expect(entries.map((e: { action: string; text: string }) => `${e.action}:${e.text}`)).toEqual([
      'carry_over:Approved in January', 'save:February in Gravesham',
    ]);
  });

  it('is stored on the first submit, unchanged, with whoever submits it as its author; neither they nor last month\'s writer approves it', async () => {
    const second = await signedIn(app, t.pool, 'approver', { name: 'Bea Second' });
    const third = await signedIn(app, t.pool, 'approver', { name: 'Cy Third' });
    // Written and approved in January by approvers; submitted unchanged in February by one of them.
    await approve(second, approver, '2015-01', 'CAN', AMBER, 'Canterbury in January');
    const submitted = await act(approver, '2015-02', 'CAN', AMBER, 'submit');
    expect(submitted.statusCode, submitted.body).toBe(200);
    expect(submitted.json()).toMatchObject({
      text: 'Canterbury in January', state: 'submitted', carriedOver: false, author: { email: approver.user.email, name: 'Abe Approver' },
      carriedWriters: [{ email: second.user.email, name: 'Bea Second' }],
    });
    const entries = (await viewer.inject(url('2015-02', 'CAN', AMBER, 'history'))).json().entries;
    expect(entries.map((e: { action: string }) => e.action)).toEqual(['carry_over', 'submit']);
    expect(entries[0]).toMatchObject({ by: null, note: 'Carried over from 2015-01, written by Bea Second (approved text)' });

    // The submitter took it on, and the January writer wrote its words: both are its writers, neither approves.
    for (const writer of [approver, second]) {
      const own = await act(writer, '2015-02', 'CAN', AMBER, 'approve');
      expect(own.statusCode, own.body).toBe(403);
      expect(own.json()).toMatchObject({ error: 'forbidden', message: expect.stringMatching(/You wrote the latest text .* another approver or administrator must approve it/) });
    }
    const approved = (await act(third, '2015-02', 'CAN', AMBER, 'approve')).json();
    expect(approved).toMatchObject({ state: 'approved', reviewer: { name: 'Cy Third' } });
    expect(approved).not.toHaveProperty('carriedWriters'); // said on submitted text only (the approval is not asked of them)
  });

  it('has the editor as its only writer once edited: last month\'s writer may approve it then, not while it reads as carried', async () => {
    const second = await signedIn(app, t.pool, 'approver', { name: 'Bea Second' });
    await approve(second, approver, '2015-01', 'EAST', AMBER, 'East in January');
    // Saved unchanged by another: still the carried words, still the January writer's.
    expect((await save(analyst, '2015-02', 'EAST', AMBER, 'East in January')).statusCode).toBe(200);
    expect((await act(analyst, '2015-02', 'EAST', AMBER, 'submit')).json()).toMatchObject({
      author: { email: analyst.user.email }, carriedWriters: [{ email: second.user.email }],
    });
    expect((await act(second, '2015-02', 'EAST', AMBER, 'approve')).statusCode).toBe(403);
    // Edited: the editor is the author as usual, and the January writer may approve.
    expect((await save(analyst, '2015-02', 'EAST', AMBER, 'East in February')).statusCode).toBe(200);
    const edited = (await act(analyst, '2015-02', 'EAST', AMBER, 'submit')).json();
    expect(edited).toMatchObject({ state: 'submitted', text: 'East in February' });
    expect(edited).not.toHaveProperty('carriedWriters');
    expect((await act(second, '2015-02', 'EAST', AMBER, 'approve')).json()).toMatchObject({ state: 'approved', reviewer: { name: 'Bea Second' } });
  });

  it('counts last month\'s writer again when the text is edited back to the carried words', async () => {
    const second = await signedIn(app, t.pool, 'approver', { name: 'Bea Second' });
    await approve(second, approver, '2015-01', 'EAST', GREEN, 'East, first-time entrants, January');
    // Edited away, then back to the words carried: they are the January writer's again, so she may not approve.
    expect((await save(analyst, '2015-02', 'EAST', GREEN, 'A different text')).statusCode).toBe(200);
    expect((await save(analyst, '2015-02', 'EAST', GREEN, 'East, first-time entrants, January')).statusCode).toBe(200);
    expect((await act(analyst, '2015-02', 'EAST', GREEN, 'submit')).json()).toMatchObject({
      state: 'submitted', carriedWriters: [{ email: second.user.email }],
    });
    expect((await act(second, '2015-02', 'EAST', GREEN, 'approve')).statusCode).toBe(403);
    expect((await act(approver, '2015-02', 'EAST', GREEN, 'approve')).json()).toMatchObject({ state: 'approved' });
  });

  it('keeps every earlier writer of a text carried unchanged month after month', async () => {
    const first = await signedIn(app, t.pool, 'approver', { name: 'Fay First' });
    const third = await signedIn(app, t.pool, 'approver', { name: 'Cy Third' });
    // Written by Fay in March; carried into April, submitted there unchanged by the analyst, approved by Abe.
    await approve(first, approver, '2015-03', 'NORTH', AMBER, 'North in March');
    expect((await act(analyst, '2015-04', 'NORTH', AMBER, 'submit')).statusCode).toBe(200);
    expect((await act(approver, '2015-04', 'NORTH', AMBER, 'approve')).json()).toMatchObject({ state: 'approved' });
    // Carried again into May and submitted unchanged by Abe: Fay's words still, so Fay does not approve it.
    const may = await list(viewer, 'month=2015-05&area=NORTH');
    expect(may.items.find((i) => i.indicatorCode === AMBER && i.geographyCode === 'NORTH')).toMatchObject({ state: 'draft', carriedOver: true });
    expect((await act(approver, '2015-05', 'NORTH', AMBER, 'submit')).statusCode).toBe(200);
    const listed = (await list(viewer, 'month=2015-05&area=NORTH')).items.find((i) => i.indicatorCode === AMBER && i.geographyCode === 'NORTH') as unknown;
    expect(listed).toMatchObject({ state: 'submitted', author: { email: approver.user.email } });
    expect((listed as { carriedWriters: { email: string }[] }).carriedWriters.map((w) => w.email).sort())
      .toEqual([analyst.user.email, first.user.email].sort());
    expect((await act(first, '2015-05', 'NORTH', AMBER, 'approve')).statusCode).toBe(403);
    expect((await act(approver, '2015-05', 'NORTH', AMBER, 'approve')).statusCode).toBe(403);
    expect((await act(third, '2015-05', 'NORTH', AMBER, 'approve')).json()).toMatchObject({ state: 'approved' });
  });

  it('counts for the publication check as the draft it reads as, not as missing', async () => {
    // 2015-10 requires the county's AMBER commentary (see "required and missing"); approved in 2015-09, it is carried.
    await approve(analyst, approver, '2015-09', 'KENT', AMBER, 'September text');
    const readiness = await viewer.inject('/api/publications/2015-10/readiness');
    expect(readiness.statusCode, readiness.body).toBe(200);
    expect(readiness.json().missing).toContainEqual({ indicatorCode: AMBER, geographyCode: 'KENT', state: 'draft' });
    expect((await list(viewer, 'month=2015-10')).items.find((i) => i.geographyCode === 'KENT' && i.indicatorCode === AMBER))
      .toMatchObject({ state: 'draft', carriedOver: true, required: true, text: 'September text' });
  });
});

describe('history', () => {
  it('lists every save and change of state, oldest first, with who did it and the notes', async () => {
    const response = await viewer.inject(url('2015-06', 'KENT', AMBER, 'history'));
    expect(response.statusCode).toBe(200);
    const entries = response.json().entries as { action: string; state: string; by: { email: string }; note: string | null; text: string; at: string }[];
    expect(entries.map((e) => `${e.action}:${e.state}`)).toEqual([
      'save:draft', 'submit:submitted', 'approve:approved', 'save:draft', 'submit:submitted', 'return:returned',
      'save:draft', 'submit:submitted', 'approve:approved',
    ]);
    expect(entries[5]).toMatchObject({ note: 'Say what is being done.', by: { email: approver.user.email } });
    expect(entries[0]).toMatchObject({ text: 'Plans are slower.\nA new triage rota starts in July.', by: { email: analyst.user.email, name: 'Ann Analyst' } });
    expect([...entries].map((e) => e.at)).toEqual([...entries].map((e) => e.at).sort());
  });

  it('refuses UPDATE, DELETE and TRUNCATE in the database, even with session_replication_role = replica', async () => {
    await expect(t.pool.query(`UPDATE commentary_history SET text = 'rewritten'`)).rejects.toThrow(/append-only/);
    await expect(t.pool.query('DELETE FROM commentary_history')).rejects.toThrow(/append-only/);
    await expect(t.pool.query('TRUNCATE commentary_history')).rejects.toThrow(/append-only/);
    const client = await t.pool.connect();
    try {
      await client.query('SET session_replication_role = replica');
      await expect(client.query(`UPDATE commentary_history SET text = 'rewritten'`)).rejects.toThrow(/append-only/);
      await expect(client.query('DELETE FROM commentary_history')).rejects.toThrow(/append-only/);
    } finally {
      await client.query('RESET session_replication_role');
      client.release();
    }
  });

  it('keeps a removed user\'s name on what they wrote', async () => {
    const leaver = await signedIn(app, t.pool, 'analyst', { name: 'Lee Leaver' });
    await save(leaver, '2015-06', 'CAN', GREEN, 'Written before leaving');
    await t.pool.query('UPDATE users SET removed_at = now() WHERE id = $1', [leaver.user.id]);
    const item = (await list(viewer, 'month=2015-06&district=CAN')).items.find((i) => i.indicatorCode === GREEN) as unknown as { author: { name: string } };
    expect(item.author).toEqual({ email: leaver.user.email, name: 'Lee Leaver' });
    const history = (await viewer.inject(url('2015-06', 'CAN', GREEN, 'history'))).json().entries;
    expect(history.at(-1).by).toEqual({ email: leaver.user.email, name: 'Lee Leaver' });
  });
});

describe('audit', () => {
  it('records every save, submit, approve and return with the commentary it acted on', async () => {
    const { rows } = await t.pool.query<{ action: string; user_email: string }>(
      `SELECT action, user_email FROM audit_log WHERE object = '2015-06/KENT/${AMBER}' ORDER BY id`);
    expect(rows.map((r) => r.action)).toEqual([
      'commentary_save', 'commentary_submit', 'commentary_approve', 'commentary_save', 'commentary_submit', 'commentary_return',
      'commentary_save', 'commentary_submit', 'commentary_approve',
    ]);
    expect(rows[2]!.user_email).toBe(approver.user.email);
  });
});

describe('owners and due dates', () => {
  it('lets analysts and admins set owners and approvers read them, refusing others and unknown users or indicators', async () => {
    const owner = await createTestUser(t.pool, 'contributor', { name: 'Olive Owner', scope: ['KENT'] });
    const put = (client: SignedInClient, owners: unknown) => client.inject({ method: 'PUT', url: '/api/commentary/owners', payload: { owners } });
    const set = await put(analyst, [{ indicatorCode: AMBER, email: owner.email }]);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().owners).toHaveLength(24);
    expect(set.json().owners.find((o: { indicatorCode: string }) => o.indicatorCode === AMBER).owner).toEqual({ email: owner.email, name: 'Olive Owner' });
    expect((await put(approver, [{ indicatorCode: AMBER, email: null }])).statusCode).toBe(403);
    // Approvers read them (the Month close page lists what each owner owes); viewers do not.
    const readByApprover = await approver.inject('/api/commentary/owners');
    expect(readByApprover.statusCode).toBe(200);
    expect(readByApprover.json().owners.find((o: { indicatorCode: string }) => o.indicatorCode === AMBER).owner).toEqual({ email: owner.email, name: 'Olive Owner' });
    expect((await viewer.inject('/api/commentary/owners')).statusCode).toBe(403);
    const unknown = await put(analyst, [{ indicatorCode: GREEN, email: owner.email }, { indicatorCode: AMBER, email: 'nobody@example.test' }]);
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().message).toMatch(/owners\/1\/email.*nobody@example.test/);
    // Nothing stored changed.
    const owners = (await analyst.inject('/api/commentary/owners')).json().owners as { indicatorCode: string; owner: unknown }[];
    expect(owners.find((o) => o.indicatorCode === GREEN)!.owner).toBeNull();
    expect((await put(analyst, [{ indicatorCode: 'no_such', email: null }])).json().message).toMatch(/no_such/);
    expect((await put(analyst, [{ indicatorCode: AMBER, email: null }])).json().owners.find((o: { indicatorCode: string }) => o.indicatorCode === AMBER).owner).toBeNull();
  });

  it('sets and reads the month\'s due date', async () => {
    const put = (client: SignedInClient, dueDate: unknown) => client.inject({ method: 'PUT', url: '/api/commentary/2015-06/due-date', payload: { dueDate } });
    expect((await put(analyst, '2015-07-10')).json()).toEqual({ month: '2015-06', dueDate: '2015-07-10' });
    expect((await viewer.inject('/api/commentary/2015-06/due-date')).json()).toEqual({ month: '2015-06', dueDate: '2015-07-10' });
    expect((await put(viewer, '2015-07-11')).statusCode).toBe(403);
    expect((await put(analyst, '2015-7-1')).statusCode).toBe(400);
    expect((await put(analyst, '2015-02-30')).statusCode).toBe(400);
    expect((await put(analyst, null)).json()).toEqual({ month: '2015-06', dueDate: null });
  });
});

describe('for a release', () => {
  it('gives the month\'s approved commentary only, every geography', async () => {
    const items = await approvedCommentary(t.pool, '2015-06', (code, geography) => geography === 'KENT' && code === AMBER);
    expect(items.map((i) => `${i.geographyCode}/${i.indicatorCode}/${i.state}/${i.required}`).sort()).toEqual([
      `EAST/${GREEN}/approved/false`, `KENT/${AMBER}/approved/true`,
    ]);
  });
});
