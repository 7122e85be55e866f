import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CASELOAD_CODE, getCaseloads } from '../queries/caseloads.js';
import { coverageAt } from '../queries/coverage.js';
import { assertMonthInData } from '../queries/months.js';
import { CaseloadsQuery, CaseloadsResponse } from '../schemas/caseloads.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import { publishedCaseloads, readsPublished, releaseOf, viewMonth } from '../reporting/published-views.js';

const caseloads: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/caseloads', {
    // Partners get the published view only, in publication mode (the access plugin sets view and suppress).
    config: { access: 'read', liveFigures: true, publishedView: true },
    schema: {
      summary: 'Open early help caseload by district, area and county against the baseline and target effective at the month',
      description: 'Live figures by default; view=published (and version=N) answers the caseloads as the month was published, '
        + 'suppress=true in publication mode. Partners always get the published view, suppressed (view=live: 403).',
      tags: ['data'],
      querystring: CaseloadsQuery,
      response: {
        200: CaseloadsResponse, ...errorResponses,
        404: { ...ErrorResponse, description: 'view=published: the month has not been published, or has no such version' },
      },
    },
  }, async (request) => {
    const { version, suppress = false } = request.query;
    const published = readsPublished(request.query);
    const month = await viewMonth(app.pool, request.query.month, published);
    if (published) return publishedCaseloads(await releaseOf(app.pool, month, version), suppress);
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', month);
    return getCaseloads(app.db, snapshot.districts, month, coverageAt(snapshot.coverage, CASELOAD_CODE, month));
  });
};

export default caseloads;
