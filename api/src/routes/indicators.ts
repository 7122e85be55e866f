import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ACTIVITY_MEASURES, CONTEXT_MEASURES, INDICATORS } from '../indicators/catalog.js';
import { IndicatorsQuery, IndicatorsResponse } from '../schemas/indicators.js';

const body = {
  indicators: [...INDICATORS],
  contextMeasures: [...CONTEXT_MEASURES],
  activityMeasures: [...ACTIVITY_MEASURES],
};

const indicators: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators', {
    config: { access: 'read' },
    schema: {
      summary: 'The indicator catalogue, in the plan\'s order, the context measures shown beside it and the activity indicators',
      tags: ['catalogue'],
      querystring: IndicatorsQuery,
      response: { 200: IndicatorsResponse },
    },
  }, async () => body);
};

export default indicators;
