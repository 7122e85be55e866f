// The month's executive summary (reporting.md, "Executive summary"; docs/reporting.md): read, write, submit,
// approve or return it, its history, and the data headlines drafted from the figures.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { auditActor } from '../access/audit.js';
import { draftHeadlines } from '../reporting/headlines.js';
import { assertMonthInData } from '../queries/months.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import { DraftHeadlinesResponse, ReviewRequest, SummaryHistoryResponse, SummaryParams, SummaryResponse, SummaryUpdate } from '../schemas/summary.js';
import { getSummary, getSummaryHistory, reviewSummary, saveSummary, type SummaryActor } from '../summary/store.js';

const conflictResponse = { ...ErrorResponse, description: 'A change of state the sign-off does not allow (e.g. approving a draft)' };

const summary: FastifyPluginAsyncTypebox = async (app) => {
  const actor = (request: FastifyRequest): SummaryActor => ({ user: request.user!, audit: auditActor(request) });
  const monthInData = async (month: string) => assertMonthInData((await app.snapshots.current()).months, 'month', month);

  app.get('/api/summary/:month', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'The month\'s executive summary (data headlines, recent activity, planned activity) and its state',
      tags: ['summary'],
      params: SummaryParams,
      response: { 200: SummaryResponse, ...errorResponses },
    },
  }, async (request) => {
    await monthInData(request.params.month);
    return getSummary(app.pool, request.params.month);
  });

  app.put('/api/summary/:month', {
    config: { access: 'write_summary' },
    schema: {
      summary: 'Save the executive summary as a draft (analysts, approvers, admins); editing approved text makes it a draft again',
      tags: ['summary'],
      params: SummaryParams,
      body: SummaryUpdate,
      response: { 200: SummaryResponse, ...errorResponses },
    },
  }, async (request) => {
    await monthInData(request.params.month);
    return saveSummary(app.pool, request.params.month, request.body, actor(request));
  });

  for (const action of ['submit', 'approve', 'return'] as const) {
    app.post(`/api/summary/:month/${action}`, {
      config: { access: action === 'submit' ? 'write_summary' : 'approve' },
      schema: {
        summary: {
          submit: 'Submit the draft summary for approval',
          approve: 'Approve the submitted summary (approvers, admins; not its own author unless a lone admin)',
          return: 'Return the submitted summary to its author with a note saying why',
        }[action],
        tags: ['summary'],
        params: SummaryParams,
        body: ReviewRequest,
        response: { 200: SummaryResponse, ...errorResponses, 409: conflictResponse },
      },
    }, async (request) => {
      await monthInData(request.params.month);
      return reviewSummary(app.pool, request.params.month, action, request.body?.note ?? null, actor(request));
    });
  }

  app.get('/api/summary/:month/history', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Every save and change of state of the month\'s executive summary, oldest first',
      tags: ['summary'],
      params: SummaryParams,
      response: { 200: SummaryHistoryResponse, ...errorResponses },
    },
  }, async (request) => {
    await monthInData(request.params.month);
    return getSummaryHistory(app.pool, request.params.month);
  });

  app.get('/api/summary/:month/draft-headlines', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Data headlines drafted from the county figures, to edit into the summary',
      tags: ['summary'],
      params: SummaryParams,
      response: { 200: DraftHeadlinesResponse, ...errorResponses },
    },
  }, async (request) => {
    const snapshot = await app.snapshots.current();
    const { month } = request.params;
    assertMonthInData(snapshot.months, 'month', month);
    return { month, headlines: await draftHeadlines(app.db, snapshot, month) };
  });
};

export default summary;
