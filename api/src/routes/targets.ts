// The targets and floors, seen by everyone and set a row at a time by analysts and administrators (the
// Targets page): the same rules as targets.csv, every change audited, the scorecard following at once.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { auditActor } from '../access/audit.js';
import { MEASURE_CODES } from '../indicators/catalog.js';
import { badRequest } from '../lib/errors.js';
import { ErrorResponse, errorResponses } from '../schemas/common.js';
import { TargetBody, TargetParams, TargetRejected, TargetRow, TargetsQuery, TargetsResponse } from '../schemas/targets.js';
import { deleteTarget, describeProblems, setTarget } from '../targets/edit.js';
import { targetsView } from '../targets/list.js';

const writeErrors = {
  ...errorResponses,
  404: { ...ErrorResponse, description: 'No such target row' },
  409: { ...ErrorResponse, description: 'An import or a refresh is running: try again when it has finished' },
};

const targets: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/targets', {
    config: { access: 'read', liveFigures: true },
    schema: {
      summary: 'Every target and floor, with the years each is carried forward to',
      tags: ['targets'],
      querystring: TargetsQuery,
      response: { 200: TargetsResponse, 400: errorResponses[400], 503: errorResponses[503] },
    },
  }, async (request) => {
    const { indicator } = request.query;
    if (indicator !== undefined && !MEASURE_CODES.includes(indicator)) {
      throw badRequest(`query parameter 'indicator' is not a measure of the catalogue, got '${indicator}'`);
    }
    const snapshot = await app.snapshots.current();
    return targetsView(snapshot.targets, snapshot.districts, snapshot.months.latest, indicator);
  });

  app.put('/api/targets/:indicator/:year/:geography', {
    config: { access: 'import' },
    schema: {
      summary: 'Set the target and floor of an indicator for a year at a geography (analysts and administrators)',
      tags: ['targets'],
      params: TargetParams,
      body: TargetBody,
      response: { 200: TargetRow, 400: TargetRejected, 401: writeErrors[401], 403: writeErrors[403], 409: writeErrors[409], 503: writeErrors[503] },
    },
  }, async (request, reply) => {
    const outcome = await setTarget(app.pool, request.params, request.body, auditActor(request));
    if (!outcome.ok) {
      return reply.code(400).send({
        error: 'bad_request', message: `The target was not saved: ${describeProblems(outcome.problems)}`, problems: outcome.problems,
      });
    }
    return outcome.after;
  });

  app.delete('/api/targets/:indicator/:year/:geography', {
    config: { access: 'import' },
    schema: {
      summary: 'Delete one target row (analysts and administrators)',
      tags: ['targets'],
      params: TargetParams,
      response: { 204: { type: 'null', description: 'Deleted' }, ...writeErrors },
    },
  }, async (request, reply) => {
    await deleteTarget(app.pool, request.params, auditActor(request));
    return reply.code(204).send(null);
  });
};

export default targets;
