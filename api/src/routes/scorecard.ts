import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { resolveGeography } from '../queries/geography.js';
import { assertMonthInData } from '../queries/months.js';
import { memoise } from '../lib/snapshot.js';
import { getScorecard } from '../queries/scorecard.js';
import { errorResponses } from '../schemas/common.js';
import { ScorecardQuery, ScorecardResponse } from '../schemas/scorecard.js';

const scorecard: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/scorecard', {
    config: { access: 'read', liveFigures: true },
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
