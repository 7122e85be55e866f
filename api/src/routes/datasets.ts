import { Type, type FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { loadDatasets } from '../queries/coverage.js';
import { errorResponses, MonthValue, Nullable, StringEnum } from './schemas.js';

const DatasetsResponse = Type.Object({
  datasets: Type.Array(Type.Object({
    name: Type.String({ description: 'The dataset (its file is <name>.csv)' }),
    kind: StringEnum(['reference', 'record']),
    rows: Type.Integer({ description: 'Rows held' }),
    coveredFrom: Nullable({ ...MonthValue, description: 'The first month covered: the month of the earliest event (record datasets)' }),
    coveredTo: Nullable({ ...MonthValue, description: 'The last month covered: the last month ending on or before the as-at date' }),
    asAt: Nullable(Type.String({ format: 'date', description: 'The date the extract was taken (record datasets)' })),
    lastImportedAt: Nullable(Type.String({ format: 'date-time', description: 'ISO 8601, UTC' })),
    lastImportedBy: Nullable(Type.String({ description: 'The user, or cli:<os user> for the command line' })),
  })),
});

const datasets: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/datasets', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Each dataset: rows, the months it covers, its as-at date and its last import',
      tags: ['data'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: DatasetsResponse, 503: errorResponses[503] },
    },
  }, async () => ({ datasets: await loadDatasets(app.db) }));
};

export default datasets;
