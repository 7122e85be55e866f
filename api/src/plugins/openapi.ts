// The OpenAPI document, generated from the routes' schemas, at /api/openapi.json and browsable at /api/docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fp from 'fastify-plugin';

export default fp(async (app) => {
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'EHPS performance scorecard API',
        version: '1.0.0',
        description: 'Aggregates of the Early Help and Preventative Services KPIs: values, targets, RAG status and direction '
          + 'of travel by month for the county (KENT), an area or a district. Errors use one envelope { error, message }.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'ehps_session', description: 'The session of a user signed in through the web app' },
          bearer: { type: 'http', scheme: 'bearer', description: 'An API token (Tokens page, or npm run users -- token)' },
        },
      },
      // Every route needs one or the other, unless it says otherwise (security: [], e.g. health).
      security: [{ session: [] }, { bearer: [] }],
      tags: [
        { name: 'data', description: 'Scorecard, series, caseloads and months' },
        { name: 'catalogue', description: 'What each indicator means' },
        { name: 'service', description: 'Health' },
        { name: 'access', description: 'Sign-in, sign-out and who is signed in' },
        { name: 'tokens', description: 'Your own API tokens' },
        { name: 'admin', description: 'Users, roles, sessions, tokens and the audit log (administrators)' },
        { name: 'targets', description: 'Targets and floors: seen by everyone, set by analysts and administrators' },
        { name: 'summary', description: 'The month\'s executive summary and its sign-off' },
        { name: 'commentary', description: 'Commentary on each month\'s figures and its sign-off' },
        { name: 'publication', description: 'Published months: versions, withdrawal, revisions and the stored board packs' },
      ],
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });
  app.get('/api/openapi.json', { schema: { hide: true }, config: { access: 'read' } }, async () => app.swagger());
}, { name: 'openapi' });
