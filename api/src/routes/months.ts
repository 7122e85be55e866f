import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, MonthValue, Nullable } from './schemas.js';

const months: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/months', {
    schema: {
      summary: 'The months the data covers (null before any data is loaded)',
      tags: ['data'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: {
        200: Type.Object({ first: Nullable(MonthValue), latest: Nullable(MonthValue) }),
        503: errorResponses[503],
      },
    },
  }, async () => (await app.snapshots.current()).months);
};

export default months;
