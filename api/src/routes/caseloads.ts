import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CASELOAD_CODE, getCaseloads } from '../queries/caseloads.js';
import { coverageAt } from '../queries/coverage.js';
import { assertMonthInData } from '../queries/months.js';
import { CaseloadsQuery, CaseloadsResponse } from '../schemas/caseloads.js';
import { errorResponses } from '../schemas/common.js';

const caseloads: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/caseloads', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Open early help caseload by district, area and county against the baseline and target effective at the month',
      tags: ['data'],
      querystring: CaseloadsQuery,
      response: { 200: CaseloadsResponse, ...errorResponses },
    },
  }, async (request) => {
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', request.query.month);
    return getCaseloads(app.db, snapshot.districts, request.query.month, coverageAt(snapshot.coverage, CASELOAD_CODE, request.query.month));
  });
};

export default caseloads;
