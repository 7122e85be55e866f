import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { errorResponses } from '../schemas/common.js';
import { MonthsQuery, MonthsResponse } from '../schemas/months.js';

const months: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/months', {
    config: { access: 'read' },
    schema: {
      summary: 'The months the data covers (null before any data is loaded); the web app opens on latestComplete',
      tags: ['data'],
      querystring: MonthsQuery,
      response: { 200: MonthsResponse, 503: errorResponses[503] },
    },
  }, async () => (await app.snapshots.current()).months);
};

export default months;
