import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyReply } from 'fastify';
import { badRequest, forbidden, HttpError } from '../lib/errors.js';
import { resolveGeography } from '../queries/geography.js';
import { assertMonthInData } from '../queries/months.js';
import { memoise } from '../lib/snapshot.js';
import { getScorecard } from '../queries/scorecard.js';
import { findVersion, loadRelease } from '../reporting/publication.js';
import { publishedScorecard } from '../reporting/published-scorecard.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import { ScorecardQuery, ScorecardResponse } from '../schemas/scorecard.js';

const scorecard: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/scorecard', {
    // Partners get the published view only, in publication mode (the handler sees to it).
    config: { access: 'read', liveFigures: true, publishedView: true },
    schema: {
      summary: 'Every KPI at one month and geography: value, target, RAG status, direction of travel',
      description: 'Live figures by default; view=published (and version=N) answers the scorecard as the month was published.',
      tags: ['data'],
      querystring: ScorecardQuery,
      response: { 200: ScorecardResponse, ...errorResponses, 404: { ...ErrorResponse, description: 'view=published: the month has not been published' } },
    },
  }, async (request, reply) => {
    const snapshot = await app.snapshots.current();
    const { month, view, version } = request.query;
    const partner = request.user?.role === 'partner';
    if (view === 'live' && version !== undefined) throw badRequest('query parameter \'version\' goes with view=published, not view=live');
    if (partner && view === 'live') throw forbidden('Partners see published months only, in publication mode: ask for view=published.');
    if (partner || view === 'published' || version !== undefined) {
      const geography = resolveGeography(snapshot.districts, request.query);
      const item = await findVersion(app.pool, month, version).catch((error: unknown) => {
        if (partner && error instanceof HttpError && error.statusCode === 404) {
          throw forbidden(`Partners see published months only: ${month} is not published (${error.message}).`);
        }
        throw error;
      });
      return publishedScorecard(await loadRelease(app.pool, month, item.version), geography.code, partner);
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
