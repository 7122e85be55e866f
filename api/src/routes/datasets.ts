import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadDatasets } from '../queries/coverage.js';
import { errorResponses } from '../schemas/common.js';
import { DatasetsQuery, DatasetsResponse } from '../schemas/datasets.js';

const datasets: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/datasets', {
    schema: {
      summary: 'Each dataset: rows, the months it covers, its as-at date and its last import',
      tags: ['data'],
      querystring: DatasetsQuery,
      response: { 200: DatasetsResponse, 503: errorResponses[503] },
    },
  }, async () => ({ datasets: await loadDatasets(app.db) }));
};

export default datasets;
