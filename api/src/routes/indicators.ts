import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ACTIVITY_MEASURES, CONTEXT_MEASURES, INDICATORS } from '../indicators/catalog.js';
import { Nullable, Polarity, Unit, YearBasis } from './schemas.js';

const IndicatorsResponse = Type.Object({
  indicators: Type.Array(Type.Object({
    code: Type.String(),
    title: Type.String(),
    unit: Unit,
    polarity: Polarity,
    yearBasis: YearBasis,
    theme: Type.String(),
    definition: Type.String(),
    numerator: Type.String({ description: 'What the numerator counts, in words (for counts, what is counted)' }),
    denominator: Nullable(Type.String({ description: 'What the denominator counts, in words (null for counts)' })),
    source: Type.String(),
  })),
  contextMeasures: Type.Array(Type.Object({
    code: Type.String(),
    title: Type.String(),
    unit: Unit,
    contextFor: Nullable(Type.String()),
    definition: Type.String(),
    source: Type.String(),
  })),
  activityMeasures: Type.Array(Type.Object({
    code: Type.String(),
    title: Type.String(),
    unit: Unit,
    definition: Type.String(),
    source: Type.String(),
  }), { description: 'The activity indicators: monitored against an expected range (GET /api/activity), never targeted' }),
});

const body = {
  indicators: [...INDICATORS],
  contextMeasures: [...CONTEXT_MEASURES],
  activityMeasures: [...ACTIVITY_MEASURES],
};

const indicators: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators', {
    schema: {
      summary: 'The indicator catalogue, in the plan\'s order, the context measures shown beside it and the activity indicators',
      tags: ['catalogue'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: IndicatorsResponse },
    },
  }, async () => body);
};

export default indicators;
