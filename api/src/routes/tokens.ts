// The signed-in user's own API tokens (the Tokens page): list, create (the token is answered once), revoke.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { auditActor, recordAudit } from '../access/audit.js';
import { sha256 } from '../access/secrets.js';
import { createApiToken, DEFAULT_TOKEN_DAYS, revokeApiToken } from '../access/tokens.js';
import { inTransaction } from '../db/transaction.js';
import { notFound } from '../lib/errors.js';
import { findToken, listOwnTokens } from '../queries/admin.js';
import { IdParams, NewTokenBody, NewTokenResponse, TokensResponse } from '../schemas/admin.js';
import { errorResponses } from '../schemas/common.js';

const tokens: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/tokens', {
    config: { access: 'read' },
    schema: { summary: 'Your API tokens (not revoked), newest first', tags: ['tokens'], querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: TokensResponse, ...errorResponses } },
  }, async (request) => ({ tokens: await listOwnTokens(app.pool, request.user!.id) }));

  app.post('/api/tokens', {
    // A leaked token must not mint itself a longer-lived one.
    config: { access: 'read', sessionOnly: true },
    schema: { summary: `Create a token for yourself (default ${DEFAULT_TOKEN_DAYS} days): the answer holds it, once`, tags: ['tokens'],
      body: NewTokenBody, response: { 201: NewTokenResponse, ...errorResponses } },
  }, async (request, reply) => {
    const user = request.user!;
    const days = request.body.days ?? DEFAULT_TOKEN_DAYS;
    const name = request.body.name.trim();
    const token = await inTransaction(app.pool, async (client) => {
      const created = await createApiToken(client, user.id, name, days);
      await recordAudit(client, { ...auditActor(request), action: 'token_created', object: user.email, details: { name, days } });
      return created;
    });
    const { rows } = await app.pool.query<{ id: number }>('SELECT id FROM api_tokens WHERE token_hash = $1', [sha256(token)]);
    const stored = (await findToken(app.pool, rows[0]!.id))!;
    return reply.code(201).header('cache-control', 'no-store').send({ ...stored, token });
  });

  app.delete('/api/tokens/:id', {
    config: { access: 'read' },
    schema: { summary: 'Revoke one of your tokens', tags: ['tokens'], params: IdParams,
      response: { 204: Type.Null(), ...errorResponses, 404: { ...errorResponses[400], description: 'Not one of your live tokens' } } },
  }, async (request, reply) => {
    const user = request.user!;
    const { id } = request.params;
    await inTransaction(app.pool, async (client) => {
      const { rows } = await client.query<{ name: string }>('SELECT name FROM api_tokens WHERE id = $1 AND user_id = $2', [id, user.id]);
      if (!rows[0] || !(await revokeApiToken(client, id, user.id))) throw notFound(`you have no live token with id ${id}`);
      await recordAudit(client, { ...auditActor(request), action: 'token_revoked', object: user.email, details: { name: rows[0].name, tokenId: id } });
    });
    return reply.code(204).send(null);
  });
};

export default tokens;
