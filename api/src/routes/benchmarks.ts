import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { BENCHMARK_ATTRIBUTION, findIndicator } from '../indicators/catalog.js';
import { notFound } from '../lib/errors.js';
import { getBenchmarkDetail, periodAt } from '../queries/benchmarks.js';
import { BenchmarkParams, BenchmarkResponse } from '../schemas/benchmarks.js';
import { ErrorResponse, errorResponses, Month } from '../schemas/common.js';

const benchmarks: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/benchmarks/:code', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: "A KPI's benchmark measure over every published period: the home authority, England, its region, its statistical neighbours (each one's value), rank and band",
      tags: ['data'],
      params: BenchmarkParams,
      querystring: Type.Object({
        month: Type.Optional(Month('A month (YYYY-MM): the answer then names the period it reads (periodForMonth)')),
      }, { additionalProperties: false }),
      response: { 200: BenchmarkResponse, ...errorResponses, 404: { ...ErrorResponse, description: 'Unknown KPI, or a KPI without a benchmark measure' } },
    },
  }, async (request) => {
    const { code } = request.params;
    const indicator = findIndicator(code);
    if (!indicator) throw notFound(`unknown indicator code '${code}' (see /api/indicators)`);
    if (!indicator.benchmark) throw notFound(`indicator '${code}' has no benchmark measure (DfE publishes no comparable figure)`);
    const snapshot = await app.snapshots.current();
    const detail = (await getBenchmarkDetail(app.db, snapshot, indicator))!;
    const { month } = request.query;
    const periodForMonth = month ? periodAt(detail.periods, month)?.period ?? null : null;
    return { ...detail, periodForMonth, attribution: BENCHMARK_ATTRIBUTION };
  });
};

export default benchmarks;
