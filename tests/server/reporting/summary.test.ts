// The executive summary on real PostgreSQL: its sign-off (who may write, submit, approve, return; 409 for the
// changes of state the rules refuse; nobody approves their own text but a lone admin), its append-only
// history and audit entries, and the data headlines drafted from a small hand-made set of results.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../../api/src/app.js';
import { findActivityMeasure, findIndicator } from '../../../api/src/indicators/catalog.js';
import { monthRange } from '../../../api/src/lib/months.js';
import { signedIn, type SignedInClient } from '../../support/auth.js';
import { insertFullCoverage } from '../../support/coverage.js';
import { createTestDatabase, type TestDatabase } from '../../support/database.js';
import { insertDistricts, insertMonths, insertResults, insertTarget } from '../api/seed.js';

const PLANS = 'eh_plans_within_4_weeks_pct'; // percent, higher is better, financial year
const ENTRANTS = 'yj_first_time_entrants'; // count, lower is better
const REFERRALS = 'act_scs_referrals'; // activity
const MONTH = '2016-12';

let t: TestDatabase;
let app: App;
let viewer: SignedInClient;
let contributor: SignedInClient;
let analyst: SignedInClient;
let approver: SignedInClient;
let secondApprover: SignedInClient;

const parts = { dataHeadlines: 'Plans fell to 65%.', recentActivity: 'Two new hubs opened.', plannedActivity: 'Recruit four workers.' };

function put(client: SignedInClient, body: unknown, month = MONTH) {
  return client.inject({ method: 'PUT', url: `/api/summary/${month}`, payload: body as Record<string, unknown> });
}
function act(client: SignedInClient, action: 'submit' | 'approve' | 'return', note?: string) {
  return client.inject({ method: 'POST', url: `/api/summary/${MONTH}/${action}`, payload: note === undefined ? {} : { note } });
}
async function ok(response: { statusCode: number; body: string; json(): unknown }) {
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Record<string, unknown>;
}

beforeAll(async () => {
  t = await createTestDatabase();
  await insertDistricts(t.pool);
  await insertMonths(t.pool, '2015-01', MONTH);
  // Referrals in DAR: 10 12 11 13 repeated, then 30 in December 2016 (beyond the XmR upper limit, about 19.4).
  const pattern = [10, 12, 11, 13];
  const months = monthRange('2015-01', MONTH);
  await insertResults(t.pool, [
    // Plans: 50 % a year before, 85 % (green against 80, floor 70) in November, 65 % (red) in December.
    [PLANS, '2015-12', 'DAR', 50, 100], [PLANS, '2016-11', 'DAR', 85, 100], [PLANS, MONTH, 'DAR', 65, 100],
    // First time entrants: 200 a year before, 100 in November, 120 in December.
    [ENTRANTS, '2015-12', 'DAR', 200, null], [ENTRANTS, '2016-11', 'DAR', 100, null], [ENTRANTS, MONTH, 'DAR', 120, null],
    ...months.map((month, i): [string, string, string, number, null] => [REFERRALS, month, 'DAR', i === months.length - 1 ? 30 : pattern[i % 4]!, null]),
  ]);
  await insertTarget(t.pool, PLANS, 2017, 'KENT', 80, 70);
  await insertFullCoverage(t.pool);
  app = await buildApp({ pool: t.pool });
  viewer = await signedIn(app, t.pool, 'viewer');
  contributor = await signedIn(app, t.pool, 'contributor', { scope: ['KENT'] });
  analyst = await signedIn(app, t.pool, 'analyst', { name: 'Ann Analyst' });
  approver = await signedIn(app, t.pool, 'approver', { name: 'Abe Approver' });
  secondApprover = await signedIn(app, t.pool, 'approver', { name: 'Bea Approver' });
});
afterAll(async () => {
  await app?.close();
  await t?.drop();
});

describe('GET /api/summary/{month}/draft-headlines', () => {
  it('drafts the status change, the largest movements on last month and last year, and activity outside its range', async () => {
    const plans = findIndicator(PLANS)!.title;
    const entrants = findIndicator(ENTRANTS)!.title;
    const referrals = findActivityMeasure(REFERRALS)!.title;
    const body = await ok(await viewer.inject(`/api/summary/${MONTH}/draft-headlines`));
    expect(body).toEqual({
      month: MONTH,
      headlines: [
        `${plans} moved from green to red.`,
        `${plans} fell from 85.0% to 65.0% against last month (down 20.0 percentage points).`,
        `${entrants} rose from 100 to 120 against last month (up 20.0%).`,
        `${entrants} fell from 200 to 120 against the same month last year (down 40.0%).`,
        `${plans} rose from 50.0% to 65.0% against the same month last year (up 15.0 percentage points).`,
        `${referrals} was higher than expected in December 2016 (30; expected 5 to 19).`,
      ],
    });
  });
  it('refuses a month outside the data', async () => {
    const response = await viewer.inject('/api/summary/2030-01/draft-headlines');
    expect(response.statusCode).toBe(400);
    expect(response.json().message).toMatch(/outside the data/);
  });
});

describe('the executive summary and its sign-off', () => {
  it('is missing until written, and readable by any reader', async () => {
    expect(await ok(await viewer.inject(`/api/summary/${MONTH}`))).toMatchObject({
      month: MONTH, state: 'missing', dataHeadlines: '', author: null, updatedAt: null,
    });
  });

  it('is written by analysts, approvers and admins only', async () => {
    expect((await put(viewer, parts)).statusCode).toBe(403);
    const byContributor = await put(contributor, parts);
    expect(byContributor.statusCode).toBe(403);
    expect(byContributor.json().message).toMatch(/write the executive summary/);
    expect((await put(analyst, { ...parts, extra: 1 })).statusCode).toBe(400);
    expect((await put(analyst, { dataHeadlines: ' ', recentActivity: '', plannedActivity: '' })).statusCode).toBe(400);
    expect((await put(analyst, { ...parts, dataHeadlines: 'x'.repeat(4001) })).statusCode).toBe(400);
    expect((await viewer.inject(`/api/summary/${MONTH}`)).json().state).toBe('missing');
  });

  it('cannot be submitted without every part, and a draft cannot be approved or returned', async () => {
    expect(await ok(await put(analyst, { ...parts, plannedActivity: '' }))).toMatchObject({ state: 'draft' });
    const incomplete = await act(analyst, 'submit');
    expect(incomplete.statusCode).toBe(409);
    expect(incomplete.json()).toMatchObject({ error: 'conflict', message: expect.stringMatching(/planned activity/) });
    const saved = await ok(await put(analyst, parts));
    expect(saved).toMatchObject({ ...parts, state: 'draft', author: { email: analyst.user.email, name: 'Ann Analyst' }, reviewer: null });
    expect((await act(approver, 'approve')).statusCode).toBe(409);
    expect((await act(approver, 'return', 'Why?')).statusCode).toBe(409);
  });

  it('goes draft → submitted → returned (with a note) → edited → submitted → approved', async () => {
    expect((await act(analyst, 'approve')).statusCode).toBe(403); // analysts do not approve
    expect(await ok(await act(analyst, 'submit'))).toMatchObject({ state: 'submitted' });
    expect((await act(analyst, 'submit')).statusCode).toBe(409);
    expect((await act(approver, 'return')).statusCode).toBe(400); // a return says why
    expect(await ok(await act(approver, 'return', 'Say what the hubs do.'))).toMatchObject({
      state: 'returned', reviewer: { name: 'Abe Approver' }, reviewNote: 'Say what the hubs do.',
    });
    const resubmit = await act(analyst, 'submit');
    expect(resubmit.statusCode).toBe(409);
    expect(resubmit.json().message).toMatch(/Edit the returned text first/);
    await ok(await put(analyst, { ...parts, recentActivity: 'Two family hubs opened in Dartford.' }));
    await ok(await act(analyst, 'submit'));
    expect(await ok(await act(approver, 'approve'))).toMatchObject({
      state: 'approved', reviewer: { name: 'Abe Approver' }, reviewNote: null, selfApproved: false,
    });
    expect((await act(approver, 'approve')).statusCode).toBe(409);
  });

  it('becomes a draft again when approved text is edited, and nobody approves the text they wrote last', async () => {
    expect(await ok(await put(approver, { ...parts, dataHeadlines: 'Plans fell to 65% (from 85%).' }))).toMatchObject({ state: 'draft', reviewer: null });
    await ok(await act(approver, 'submit'));
    const own = await act(approver, 'approve');
    // 403 (the person, not the state: docs/decisions.md), saying why and what to do.
    expect(own.statusCode).toBe(403);
    expect(own.json()).toMatchObject({
      error: 'forbidden',
      message: expect.stringMatching(/^You wrote the latest text of the executive summary of \d{4}-\d{2}, so you cannot approve it: another approver or administrator must approve it\.$/),
    });
    expect(await ok(await act(secondApprover, 'approve'))).toMatchObject({ state: 'approved', reviewer: { name: 'Bea Approver' } });
  });

  it('keeps every save and change of state, oldest first, and the database refuses to change them', async () => {
    const { entries } = await ok(await viewer.inject(`/api/summary/${MONTH}/history`)) as { entries: { state: string; by: { name: string }; note: string | null; recentActivity: string }[] };
    expect(entries.map((e) => `${e.state} ${e.by.name}`)).toEqual([
      'draft Ann Analyst', 'draft Ann Analyst', 'submitted Ann Analyst', 'returned Abe Approver', 'draft Ann Analyst',
      'submitted Ann Analyst', 'approved Abe Approver', 'draft Abe Approver', 'submitted Abe Approver', 'approved Bea Approver',
    ]);
    expect(entries[3]!.note).toBe('Say what the hubs do.');
    expect(entries[4]!.recentActivity).toBe('Two family hubs opened in Dartford.');
    await expect(t.pool.query(`UPDATE executive_summary_history SET note = 'changed'`)).rejects.toThrow(/append-only/);
    await expect(t.pool.query('DELETE FROM executive_summary_history')).rejects.toThrow(/append-only/);
    await expect(t.pool.query('TRUNCATE executive_summary_history CASCADE')).rejects.toThrow(/append-only/);
  });

  it('records each change in the audit log', async () => {
    const { rows } = await t.pool.query<{ action: string; user_email: string }>(
      `SELECT action, user_email FROM audit_log WHERE object = $1 AND action LIKE 'summary_%' ORDER BY id`, [MONTH]);
    expect(rows.map((r) => r.action)).toEqual([
      'summary_saved', 'summary_saved', 'summary_submitted', 'summary_returned', 'summary_saved',
      'summary_submitted', 'summary_approved', 'summary_saved', 'summary_submitted', 'summary_approved',
    ]);
    expect(rows[3]!.user_email).toBe(approver.user.email);
  });

  it('lets a lone admin approve their own text, recorded as self-approved', async () => {
    const admin = await signedIn(app, t.pool, 'admin', { name: 'Ada Admin' });
    await ok(await put(admin, parts, MONTH));
    await ok(await act(admin, 'submit'));
    expect((await act(admin, 'approve')).statusCode).toBe(403); // other approvers exist
    // The approvers leave: the admin is alone.
    await t.pool.query(`UPDATE users SET removed_at = now() WHERE role = 'approver'`);
    expect(await ok(await act(admin, 'approve'))).toMatchObject({ state: 'approved', selfApproved: true, reviewer: { name: 'Ada Admin' } });
    const { rows } = await t.pool.query(`SELECT details FROM audit_log WHERE action = 'summary_approved' ORDER BY id DESC LIMIT 1`);
    expect(rows[0].details).toEqual({ selfApproved: true });
    const { entries } = await ok(await admin.inject(`/api/summary/${MONTH}/history`)) as { entries: { state: string; selfApproved: boolean }[] };
    expect(entries.at(-1)).toMatchObject({ state: 'approved', selfApproved: true });
    expect(entries.filter((e) => e.selfApproved)).toHaveLength(1);
  });

  it('refuses a month outside the data', async () => {
    expect((await put(analyst, parts, '2030-01')).statusCode).toBe(400);
    expect((await viewer.inject('/api/summary/2030-13')).statusCode).toBe(400);
  });
});
