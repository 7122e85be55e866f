import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { sql } from 'kysely';
import { HealthQuery, HealthResponse } from '../schemas/health.js';

/** How long the health check waits for `SELECT 1`. */
export const HEALTH_TIMEOUT_MS = 1500;

const health: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/health', {
    // Load balancers probe it without credentials; it reveals nothing but the two statuses.
    config: { access: 'public' },
    schema: {
      summary: 'Whether the server and its database are up',
      tags: ['service'],
      security: [],
      querystring: HealthQuery,
      response: { 200: HealthResponse, 503: HealthResponse },
    },
  }, async (request, reply) => {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        sql`SELECT 1`.execute(app.db),
        new Promise((_, reject) => { timer = setTimeout(() => reject(new Error('database did not answer')), HEALTH_TIMEOUT_MS); }),
      ]);
      return { status: 'ok' as const, database: 'ok' as const };
    } catch (error) {
      request.log.warn({ err: error }, 'health check: database unavailable');
      return reply.code(503).send({ status: 'unavailable', database: 'unavailable' });
    } finally {
      clearTimeout(timer);
    }
  });
};

export default health;
