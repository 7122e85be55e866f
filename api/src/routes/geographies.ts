import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { areas, county } from '../queries/geography.js';
import { errorResponses } from '../schemas/common.js';
import { GeographiesQuery, GeographiesResponse } from '../schemas/geographies.js';

const geographies: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/geographies', {
    config: { access: 'read' },
    schema: {
      summary: 'The county, its areas and its districts: the values the area and district parameters accept',
      tags: ['data'],
      querystring: GeographiesQuery,
      response: { 200: GeographiesResponse, 503: errorResponses[503] },
    },
  }, async () => {
    const { districts } = await app.snapshots.current();
    const { code, name } = county(districts);
    return {
      county: { code, name },
      areas: areas(districts).map((a) => ({ code: a.code, name: a.name, districtCodes: a.districtCodes })),
      districts: districts.map((d) => ({ code: d.code, name: d.name, areaCode: d.areaCode })),
    };
  });
};

export default geographies;
