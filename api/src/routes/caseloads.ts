import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CASELOAD_CODE, getCaseloads } from '../queries/caseloads.js';
import { coverageAt } from '../queries/coverage.js';
import { assertMonthInData } from '../queries/months.js';
import { errorResponses, Month, MonthValue, Nullable } from './schemas.js';

const CaseloadRow = Type.Object({
  code: Type.String(),
  name: Type.String(),
  areaCode: Nullable(Type.String()),
  current: Nullable(Type.Number()),
  baseline: Nullable(Type.Number()),
  target: Nullable(Type.Number()),
});

const caseloads: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/caseloads', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Open early help caseload by district, area and county against the baseline and target effective at the month',
      tags: ['data'],
      querystring: Type.Object({ month: Month('The month (YYYY-MM)') }, { additionalProperties: false }),
      response: {
        200: Type.Object({ month: MonthValue, districts: Type.Array(CaseloadRow), areas: Type.Array(CaseloadRow), county: CaseloadRow }),
        ...errorResponses,
      },
    },
  }, async (request) => {
    const snapshot = await app.snapshots.current();
    assertMonthInData(snapshot.months, 'month', request.query.month);
    return getCaseloads(app.db, snapshot.districts, request.query.month, coverageAt(snapshot.coverage, CASELOAD_CODE, request.query.month));
  });
};

export default caseloads;
