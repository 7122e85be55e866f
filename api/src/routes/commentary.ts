// Commentary and sign-off (reporting.md, "Commentary" and "Routes"): read a month's commentary with the
// required items still missing, write, submit, approve and return one, read its history; owners per
// indicator and the month's due date. Who may do what is declared per route (access plugin); the rules of
// the states and of who may approve are in signoff/rules.ts, applied by commentary/store.ts.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { inTransaction } from '../db/transaction.js';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { auditActor, recordAudit } from '../access/audit.js';
import {
  changeCommentary, checkedText, itemOf, monthCommentary, readDueDate, readHistory, readOwners, setDueDate, setOwner,
  type CommentaryAction, type ItemKey,
} from '../commentary/store.js';
import { findUserByEmail } from '../access/users.js';
import { INDICATORS } from '../indicators/catalog.js';
import { COUNTY_CODE } from '../indicators/status.js';
import { badRequest } from '../lib/errors.js';
import type { Snapshot } from '../lib/snapshot.js';
import { areas, resolveGeography } from '../queries/geography.js';
import { requiredAtCounty } from '../commentary/required.js';
import { assertMonthInData } from '../queries/months.js';
import { publishedCommentary, readsPublished, releaseOf, viewMonth } from '../reporting/published-views.js';
import {
  CommentaryHistoryResponse, CommentaryItem, CommentaryParams, CommentaryQuery, CommentaryResponse, CommentaryText,
  DueDateBody, DueDateParams, DueDateResponse, OwnersBody, OwnersResponse, ReturnNote,
} from '../schemas/commentary.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';

const INDICATOR_CODES = INDICATORS.map((i) => i.code);
const conflictResponse = { 409: { ...ErrorResponse, description: 'The change the rules of the states do not allow (e.g. approving a draft)' } };

/** Every geography in display order: the county, the areas, the districts. */
function geographyCodes(snapshot: Snapshot): string[] {
  return [COUNTY_CODE, ...areas(snapshot.districts).map((a) => a.code), ...snapshot.districts.map((d) => d.code)];
}

/** YYYY-MM-DD naming a day that exists (not 2015-02-30). */
function isCalendarDate(value: string): boolean {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

const commentary: FastifyPluginAsyncTypebox = async (app) => {
  /** The month in the data, a known geography and one of the 24 indicators, or 400 naming which is not. */
  async function checkedKey(params: ItemKey): Promise<Snapshot> {
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', params.month);
    if (!geographyCodes(snapshot).includes(params.geographyCode)) {
      throw badRequest(`path parameter 'geographyCode' must be KENT, an area or a district code, got '${params.geographyCode}'`);
    }
    if (!INDICATOR_CODES.includes(params.indicatorCode)) {
      throw badRequest(`path parameter 'indicatorCode' must be one of the scorecard's indicators, got '${params.indicatorCode}'`);
    }
    return snapshot;
  }

  app.get('/api/commentary', {
    // Partners read commentary only as published (the access plugin sets view=published for them).
    config: { access: 'read', liveFigures: true, publishedView: true },
    schema: {
      summary: 'A month\'s commentary: every geography\'s, or one geography\'s, with the required ones not yet written as missing',
      description: 'The commentary as it stands by default; view=published (and version=N) answers the approved commentary '
        + 'the month was published with (no drafts, no history). Partners always get the published view (view=live: 403).',
      tags: ['commentary'],
      querystring: CommentaryQuery,
      response: {
        200: CommentaryResponse, ...errorResponses,
        404: { ...ErrorResponse, description: 'view=published: the month has not been published, or has no such version' },
      },
    },
  }, async (request) => {
    const published = readsPublished(request.query);
    const month = await viewMonth(app.pool, request.query.month, published);
    if (published) return publishedCommentary(await releaseOf(app.pool, month, request.query.version), request.query);
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', month);
    const asked = request.query.area !== undefined || request.query.district !== undefined
      ? resolveGeography(snapshot.districts, request.query).code : null;
    const items = await monthCommentary(app.pool, month, asked, await requiredAtCounty(app.db, snapshot, month));
    // Geographies in display order, indicators in the plan's order.
    const geographyOrder = new Map(geographyCodes(snapshot).map((code, i) => [code, i]));
    const indicatorOrder = new Map(INDICATOR_CODES.map((code, i) => [code, i]));
    items.sort((a, b) =>
      (geographyOrder.get(a.geographyCode) ?? 1e9) - (geographyOrder.get(b.geographyCode) ?? 1e9)
      || (indicatorOrder.get(a.indicatorCode) ?? 1e9) - (indicatorOrder.get(b.indicatorCode) ?? 1e9));
    return { month, items };
  });

  const itemRoute = '/api/commentary/:month/:geographyCode/:indicatorCode';
  const scopedTo = (request: { params: unknown }) => (request.params as ItemKey).geographyCode;

  /** One change of one commentary: checked, applied and recorded in the history and the audit log together. */
  async function change(request: FastifyRequest, action: CommentaryAction, value: { text?: string; note?: string }) {
    const params = request.params as ItemKey;
    const key = { month: params.month, geographyCode: params.geographyCode, indicatorCode: params.indicatorCode };
    const snapshot = await checkedKey(key);
    const result = await inTransaction(app.pool, async (client) => {
      const changed = await changeCommentary(client, key, request.user!, action, value);
      await recordAudit(client, {
        ...auditActor(request),
        action: `commentary_${action}`,
        object: `${key.month}/${key.geographyCode}/${key.indicatorCode}`,
        details: { state: changed.row.state, ...(changed.selfApproved ? { selfApproved: true } : {}), via: request.authenticatedBy },
      });
      return changed;
    });
    const required = key.geographyCode === COUNTY_CODE && (await requiredAtCounty(app.db, snapshot, key.month)).has(key.indicatorCode);
    return itemOf(result, required);
  }

  app.put(itemRoute, {
    config: { access: 'write_commentary', scopedTo },
    schema: {
      summary: 'Writes (or edits) a commentary: plain text, 1–4,000 characters; it becomes a draft',
      tags: ['commentary'],
      params: CommentaryParams,
      body: CommentaryText,
      response: { 200: CommentaryItem, ...errorResponses, ...conflictResponse },
    },
  }, async (request) => change(request, 'save', { text: checkedText('text', request.body.text) }));

  app.post(`${itemRoute}/submit`, {
    config: { access: 'write_commentary', scopedTo },
    schema: {
      summary: 'Submits a draft for approval',
      tags: ['commentary'],
      params: CommentaryParams,
      response: { 200: CommentaryItem, ...errorResponses, ...conflictResponse },
    },
  }, async (request) => change(request, 'submit', {}));

  app.post(`${itemRoute}/approve`, {
    config: { access: 'approve', scopedTo },
    schema: {
      summary: 'Approves a submitted commentary (not one whose latest text the approver wrote)',
      tags: ['commentary'],
      params: CommentaryParams,
      response: { 200: CommentaryItem, ...errorResponses, ...conflictResponse },
    },
  }, async (request) => change(request, 'approve', {}));

  app.post(`${itemRoute}/return`, {
    config: { access: 'approve', scopedTo },
    schema: {
      summary: 'Returns a submitted commentary to its writer with a note',
      tags: ['commentary'],
      params: CommentaryParams,
      body: ReturnNote,
      response: { 200: CommentaryItem, ...errorResponses, ...conflictResponse },
    },
  }, async (request) => change(request, 'return', { note: checkedText('note', request.body.note) }));

  app.get(`${itemRoute}/history`, {
    // Never served to partners (access.md, "Partners"): liveFigures without publishedView.
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Every save and change of state of one commentary, oldest first',
      tags: ['commentary'],
      params: CommentaryParams,
      response: { 200: CommentaryHistoryResponse, ...errorResponses },
    },
  }, async (request) => {
    await checkedKey(request.params);
    return { entries: await readHistory(app.pool, request.params) };
  });

  // Read by everyone the Month close page serves (it lists what each owner still owes); set by planners only.
  app.get('/api/commentary/owners', {
    config: { access: 'write_summary' },
    schema: {
      summary: 'Each indicator\'s owner: who is expected to write its county commentary',
      tags: ['commentary'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: OwnersResponse, ...errorResponses },
    },
  }, async () => ({ owners: await readOwners(app.pool, INDICATOR_CODES) }));

  app.put('/api/commentary/owners', {
    config: { access: 'plan_commentary' },
    schema: {
      summary: 'Sets (or, with email null, removes) the owners of the indicators listed; the others keep theirs',
      tags: ['commentary'],
      body: OwnersBody,
      response: { 200: OwnersResponse, ...errorResponses },
    },
  }, async (request) => {
    // Every line checked before anything is stored.
    const changes: { indicatorCode: string; userId: number | null }[] = [];
    for (const [index, line] of request.body.owners.entries()) {
      if (!INDICATOR_CODES.includes(line.indicatorCode)) {
        throw badRequest(`body field 'owners/${index}/indicatorCode' must be one of the scorecard's indicators, got '${line.indicatorCode}'`);
      }
      if (line.email === null) {
        changes.push({ indicatorCode: line.indicatorCode, userId: null });
        continue;
      }
      const user = await findUserByEmail(app.pool, line.email);
      if (!user || user.removedAt) throw badRequest(`body field 'owners/${index}/email': no user has the e-mail '${line.email}'`);
      changes.push({ indicatorCode: line.indicatorCode, userId: user.id });
    }
    await inTransaction(app.pool, async (client) => {
      for (const c of changes) await setOwner(client, c.indicatorCode, c.userId, request.user!.id);
      await recordAudit(client, {
        ...auditActor(request), action: 'commentary_owners', object: 'indicator_owners',
        details: { owners: request.body.owners, via: request.authenticatedBy },
      });
    });
    return { owners: await readOwners(app.pool, INDICATOR_CODES) };
  });

  app.put('/api/commentary/:month/due-date', {
    config: { access: 'plan_commentary' },
    schema: {
      summary: 'Sets (or, with null, clears) the date the month\'s commentary is due',
      tags: ['commentary'],
      params: DueDateParams,
      body: DueDateBody,
      response: { 200: DueDateResponse, ...errorResponses },
    },
  }, async (request) => {
    const { month } = request.params;
    assertMonthInData((await app.snapshots.current()).months, 'month', month);
    const { dueDate } = request.body;
    if (dueDate !== null && !isCalendarDate(dueDate)) {
      throw badRequest(`body field 'dueDate' must be a date as YYYY-MM-DD, got '${dueDate}'`);
    }
    await inTransaction(app.pool, async (client) => {
      await setDueDate(client, month, dueDate);
      await recordAudit(client, {
        ...auditActor(request), action: 'commentary_due_date', object: month, details: { dueDate, via: request.authenticatedBy },
      });
    });
    return { month, dueDate: await readDueDate(app.pool, month) };
  });

  app.get('/api/commentary/:month/due-date', {
    // The council's own timetable for writing commentary: staff's, not a partner's (access.md, "Partners").
    config: { access: 'read', notForPartners: true },
    schema: {
      summary: 'The date the month\'s commentary is due (null: none set)',
      tags: ['commentary'],
      params: DueDateParams,
      response: { 200: DueDateResponse, ...errorResponses },
    },
  }, async (request) => ({ month: request.params.month, dueDate: await readDueDate(app.pool, request.params.month) }));
};

export default commentary;
