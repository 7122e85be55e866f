import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { ACTIVITY_MEASURES, findActivityMeasure } from '../indicators/catalog.js';
import { badRequest, notFound } from '../lib/errors.js';
import { addMonths, monthIndex } from '../lib/months.js';
import { getActivity, getActivitySeries } from '../queries/activity.js';
import { resolveGeography } from '../queries/geography.js';
import { assertMonthInData } from '../queries/months.js';
import { ActivityQuery, ActivityResponse, ActivitySeriesQuery, ActivitySeriesResponse } from '../schemas/activity.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';

/** The default span of an activity chart: two years, the baseline of its last month. */
const DEFAULT_CHART_MONTHS = 24;

const activity: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/activity', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Every activity indicator at one month and geography: value, expected range and signal',
      tags: ['data'],
      querystring: ActivityQuery,
      response: { 200: ActivityResponse, ...errorResponses },
    },
  }, async (request) => {
    const snapshot = await app.snapshots.current();
    const { month } = request.query;
    assertMonthInData(snapshot.months, 'month', month);
    const geography = resolveGeography(snapshot.districts, request.query);
    return getActivity(app.db, snapshot, month, geography);
  });

  app.get('/api/activity/:code/series', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'One activity indicator month by month, each month with its expected range and signal (the XmR chart)',
      tags: ['data'],
      params: Type.Object({ code: Type.String({ description: `An activity indicator: ${ACTIVITY_MEASURES.map((m) => m.code).join(', ')}` }) }),
      querystring: ActivitySeriesQuery,
      response: { 200: ActivitySeriesResponse, ...errorResponses, 404: { ...ErrorResponse, description: 'Not an activity indicator' } },
    },
  }, async (request) => {
    const { code } = request.params;
    const measure = findActivityMeasure(code);
    if (!measure) throw notFound(`unknown activity indicator '${code}' (activity indicators: ${ACTIVITY_MEASURES.map((m) => m.code).join(', ')})`);
    const snapshot = await app.snapshots.current();
    const geography = resolveGeography(snapshot.districts, request.query);
    const { first, latest } = snapshot.months;
    if (request.query.from !== undefined) assertMonthInData(snapshot.months, 'from', request.query.from);
    if (request.query.to !== undefined) assertMonthInData(snapshot.months, 'to', request.query.to);
    const to = request.query.to ?? latest;
    if (first === null || to === null) {
      return { code, title: measure.title, definition: measure.definition, geography: { type: geography.type, code: geography.code, name: geography.name }, points: [] };
    }
    const twoYears = addMonths(to, -(DEFAULT_CHART_MONTHS - 1));
    const from = request.query.from ?? (monthIndex(twoYears) < monthIndex(first) ? first : twoYears);
    if (monthIndex(from) > monthIndex(to)) throw badRequest(`from=${from} is after to=${to}`);
    return getActivitySeries(app.db, snapshot, measure, from, to, geography);
  });
};

export default activity;
