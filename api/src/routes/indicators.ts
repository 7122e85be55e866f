import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { CONTEXT_MEASURES, INDICATORS } from '../indicators/catalog.js';
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
});

const body = {
  indicators: [...INDICATORS],
  contextMeasures: [...CONTEXT_MEASURES],
};

const indicators: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators', {
    config: { access: 'read' },
    schema: {
      summary: 'The indicator catalogue, in the plan\'s order, and the context measures shown beside it',
      tags: ['catalogue'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: IndicatorsResponse },
    },
  }, async () => body);
};

export default indicators;
