import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CONTEXT_MEASURES, findIndicator } from '../indicators/catalog.js';
import { badRequest, notFound } from '../lib/errors.js';
import { monthIndex } from '../lib/months.js';
import { breakdown, resolveGeography } from '../queries/geography.js';
import { assertMonthInData } from '../queries/months.js';
import { getSeries, type SeriesMeasure } from '../queries/series.js';
import { latestPublishedMonth, publishedSeries, readsPublished, releaseOf } from '../reporting/published-views.js';
import { SeriesParams, SeriesQuery, SeriesResponse, seriesErrorResponses } from '../schemas/series.js';

function findMeasure(code: string): SeriesMeasure | undefined {
  const indicator = findIndicator(code);
  if (indicator) return indicator;
  const context = CONTEXT_MEASURES.find((m) => m.code === code);
  return context ? { code: context.code, unit: context.unit, polarity: null, yearBasis: null } : undefined;
}

const series: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators/:code/series', {
    // Partners get the published view only, in publication mode (the access plugin sets view and suppress).
    config: { access: 'read', liveFigures: true, publishedView: true },
    schema: {
      summary: 'One indicator (or context measure) month by month, optionally by district or area',
      description: 'Live figures by default. view=published (and version=N) answers the indicator as the month `to` '
        + '(default: the latest published month) was published: its 24 frozen months with target and floor, '
        + 'suppress=true in publication mode. Partners always get the published view, suppressed (view=live: 403).',
      tags: ['data'],
      params: SeriesParams,
      querystring: SeriesQuery,
      response: { 200: SeriesResponse, ...seriesErrorResponses },
    },
  }, async (request) => {
    const { code } = request.params;
    const measure = findMeasure(code);
    if (!measure) throw notFound(`unknown indicator code '${code}' (see /api/indicators)`);
    if (readsPublished(request.query)) {
      const { to, version, suppress = false, ...ask } = request.query;
      const release = await releaseOf(app.pool, to ?? await latestPublishedMonth(app.pool), version);
      return publishedSeries(release, { ...ask, code, suppress });
    }
    const snapshot = await app.snapshots.current();
    const { first, latest } = snapshot.months;
    if (request.query.from !== undefined) assertMonthInData(snapshot.months, 'from', request.query.from);
    if (request.query.to !== undefined) assertMonthInData(snapshot.months, 'to', request.query.to);
    const geography = resolveGeography(snapshot.districts, request.query);
    const from = request.query.from ?? first;
    const to = request.query.to ?? latest;
    if (from === null || to === null) return { code, geography, by: request.query.by ?? null, points: [] };
    if (monthIndex(from) > monthIndex(to)) throw badRequest(`from=${from} is after to=${to}`);
    const by = request.query.by ?? null;
    const groups = by ? breakdown(snapshot.districts, geography, by) : [geography];
    const points = await getSeries(app.db, snapshot, { measure, from, to, groups });
    return { code, geography: { type: geography.type, code: geography.code, name: geography.name }, by, points };
  });
};

export default series;
