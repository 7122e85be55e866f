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
    numeratorDefinition: Type.String(),
    denominatorDefinition: Nullable(Type.String()),
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
  indicators: INDICATORS.map(({ numerator, denominator, ...rest }) => ({
    ...rest, numeratorDefinition: numerator, denominatorDefinition: denominator,
  })),
  contextMeasures: [...CONTEXT_MEASURES],
};

const indicators: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/indicators', {
    schema: {
      summary: 'The indicator catalogue, in the plan\'s order, and the context measures shown beside it',
      tags: ['catalogue'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: IndicatorsResponse },
    },
  }, async () => body);
};

export default indicators;
