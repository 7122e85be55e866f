import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { resolveGeography } from '../queries/geography.js';
import { assertMonthInData } from '../queries/months.js';
import { memoise } from '../lib/snapshot.js';
import { getScorecard } from '../queries/scorecard.js';
import { readsPublished, releaseDistricts, releaseOf, viewMonth } from '../reporting/published-views.js';
import { publishedScorecard } from '../reporting/published-scorecard.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import { ScorecardQuery, ScorecardResponse } from '../schemas/scorecard.js';

const scorecard: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/scorecard', {
    // Partners get the published view only, in publication mode (the access plugin sets view and suppress).
    config: { access: 'read', liveFigures: true, publishedView: true },
    schema: {
      summary: 'Every KPI at one month and geography: value, target, RAG status, direction of travel',
      description: 'Live figures by default; view=published (and version=N) answers the scorecard as the month was published, '
        + 'suppress=true in publication mode. Partners always get the published view, suppressed (view=live: 403).',
      tags: ['data'],
      querystring: ScorecardQuery,
      response: { 200: ScorecardResponse, ...errorResponses, 404: { ...ErrorResponse, description: 'view=published: the month has not been published, or has no such version' } },
    },
  }, async (request, reply) => {
    const snapshot = await app.snapshots.current();
    const { version, suppress = false } = request.query;
    const published = readsPublished(request.query);
    const month = await viewMonth(app.pool, request.query.month, published);
    if (published) {
      const release = await releaseOf(app.pool, month, version);
      const geography = resolveGeography(releaseDistricts(release), request.query);
      return publishedScorecard(release, geography.code, suppress);
    }
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
