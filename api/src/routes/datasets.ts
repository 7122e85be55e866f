import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { memoise } from '../lib/snapshot.js';
import { loadDatasets } from '../queries/coverage.js';
import { errorResponses } from '../schemas/common.js';
import { DatasetsQuery, DatasetsResponse } from '../schemas/datasets.js';

const datasets: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/datasets', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Each dataset: rows, the months it covers, its as-at date and its last import',
      tags: ['data'],
      querystring: DatasetsQuery,
      response: { 200: DatasetsResponse, 503: errorResponses[503] },
    },
  }, async () => {
    // dataset_coverage bumps results_version like every table the API reads: one answer per data version.
    const snapshot = await app.snapshots.current();
    return { datasets: await memoise(snapshot, 'datasets', () => loadDatasets(app.db)) };
  });
};

export default datasets;
