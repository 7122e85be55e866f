import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses, MonthValue, Nullable } from './schemas.js';

const months: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/months', {
    config: { access: 'read' },
    schema: {
      summary: 'The months the data covers (null before any data is loaded); the web app opens on latestComplete',
      tags: ['data'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: {
        200: Type.Object({
          first: Nullable({ ...MonthValue, description: 'The first month in which some rolling-window KPI has a full window' }),
          latest: Nullable({ ...MonthValue, description: 'The latest month any dataset covers' }),
          latestComplete: Nullable({ ...MonthValue, description: 'The latest month every dataset holding records covers' }),
        }),
        503: errorResponses[503],
      },
    },
  }, async () => (await app.snapshots.current()).months);
};

export default months;
