import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { resolveGeography } from '../queries/geography.js';
import { assertMonthInData } from '../queries/months.js';
import { memoise } from '../lib/snapshot.js';
import { getScorecard } from '../queries/scorecard.js';
import { ScorecardBenchmark } from '../schemas/benchmarks.js';
import { Coverage, errorResponses, Geography, GeographyQuery, Month, MonthValue, Nullable, Polarity, Status, StringEnum, Unit } from './schemas.js';

const NullableNumber = Nullable(Type.Number());

export const ScorecardResponse = Type.Object({
  month: MonthValue,
  geography: Geography,
  indicators: Type.Array(Type.Object({
    code: Type.String(),
    title: Type.String(),
    unit: Unit,
    polarity: Polarity,
    theme: Type.String(),
    value: NullableNumber,
    numerator: NullableNumber,
    denominator: NullableNumber,
    target: NullableNumber,
    floor: NullableNumber,
    floorAssumed: Nullable(Type.Boolean()),
    targetYear: Type.Integer({ description: 'The financial or academic year (labelled by the year it ends in) whose target applies' }),
    targetGeographyCode: Nullable(Type.String({ description: 'Whose target applies: the geography itself or KENT' })),
    status: Status,
    coverage: Coverage,
    direction: Nullable(StringEnum(['improving', 'worsening', 'stable'])),
    previousYearValue: NullableNumber,
    comparators: Type.Array(Type.Object({
      comparator: Type.String(), value: Type.Number(), period: MonthValue, note: Nullable(Type.String()),
    })),
    benchmark: ScorecardBenchmark,
  })),
  context: Type.Array(Type.Object({
    code: Type.String(),
    title: Type.String(),
    unit: Unit,
    contextFor: Nullable(Type.String()),
    value: NullableNumber,
    numerator: NullableNumber,
    denominator: NullableNumber,
    coverage: Coverage,
  }), { description: 'Measures shown beside a KPI, not scored (e.g. persistent absence at 15%, NEET unknown share)' }),
});

export const ScorecardQuery = Type.Object({
  month: Month('The month (YYYY-MM)'),
  ...GeographyQuery,
}, { additionalProperties: false });

const scorecard: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/scorecard', {
    schema: {
      summary: 'Every KPI at one month and geography: value, target, RAG status, direction of travel',
      tags: ['data'],
      querystring: ScorecardQuery,
      response: { 200: ScorecardResponse, ...errorResponses },
    },
  }, async (request, reply) => {
    const snapshot = await app.snapshots.current();
    const { month } = request.query;
    assertMonthInData(snapshot.months, 'month', month);
    const geography = resolveGeography(snapshot.districts, request.query);
    // The serialized answer is kept with the scorecard: a repeated request costs one version check.
    const body = await memoise(snapshot, `scorecard-json|${month}|${geography.code}`,
      async () => reply.serialize(await getScorecard(app.db, snapshot, month, geography)) as string);
    // A string with a JSON content type is sent as it is (the route's serializer already made it).
    return (reply as FastifyReply).type('application/json; charset=utf-8').send(body);
  });
};

export default scorecard;
