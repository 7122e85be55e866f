import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CONTEXT_MEASURES, findIndicator } from '../indicators/catalog.js';
import { badRequest, notFound } from '../lib/errors.js';
import { monthIndex } from '../lib/months.js';
import { breakdown, resolveGeography } from '../queries/geography.js';
import { assertMonthInData } from '../queries/months.js';
import { getSeries, type SeriesMeasure } from '../queries/series.js';
import { SeriesParams, SeriesQuery, SeriesResponse, seriesErrorResponses } from '../schemas/series.js';

function findMeasure(code: string): SeriesMeasure | undefined {
  const indicator = findIndicator(code);
  if (indicator) return indicator;
  const context = CONTEXT_MEASURES.find((m) => m.code === code);
  return context ? { code: context.code, unit: context.unit, polarity: null, yearBasis: null } : undefined;
}

const series: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators/:code/series', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'One indicator (or context measure) month by month, optionally by district or area',
      tags: ['data'],
      params: SeriesParams,
      querystring: SeriesQuery,
      response: { 200: SeriesResponse, ...seriesErrorResponses },
    },
  }, async (request) => {
    const { code } = request.params;
    const measure = findMeasure(code);
    if (!measure) throw notFound(`unknown indicator code '${code}' (see /api/indicators)`);
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
