// One error handler and one envelope, `{ error, message }`: 400 names the parameter and what is wrong;
// 503 when the database cannot be reached; 500 without internals (the details go to the log).
import type { FastifyError, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { HttpError, isDatabaseUnavailable, type ErrorCode } from '../lib/errors.js';
import { MONTH_PATTERN } from '../lib/months.js';

interface ValidationIssue {
  keyword: string;
  instancePath: string;
  params: Record<string, unknown>;
  message?: string;
}

const PLACES: Record<string, string> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'body field',
  headers: 'header',
};

function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `${value.length} values (give it once)`;
  return `'${String(value)}'`;
}

/** "query parameter 'month' must be a month as YYYY-MM, got '2015-13'" and the like. */
export function validationMessage(request: FastifyRequest, context: string | undefined, issue: ValidationIssue): string {
  const place = PLACES[context ?? ''] ?? 'parameter';
  const source = (context === 'querystring' ? request.query : context === 'params' ? request.params : context === 'body' ? request.body : {}) as Record<string, unknown>;
  const name = issue.instancePath.replace(/^\//, '').split('/')[0] ?? '';
  const given = describeValue(source?.[name]);
  switch (issue.keyword) {
    case 'additionalProperties':
      return `unknown ${place} '${String(issue.params.additionalProperty)}'`;
    case 'required':
      return `missing ${place} '${String(issue.params.missingProperty)}'`;
    case 'pattern':
      if (issue.params.pattern === MONTH_PATTERN) return `${place} '${name}' must be a month as YYYY-MM, got ${given}`;
      return `${place} '${name}' is malformed, got ${given}`;
    case 'enum':
      return `${place} '${name}' must be one of ${(issue.params.allowedValues as unknown[]).join(', ')}, got ${given}`;
    case 'type':
      return `${place} '${name}' must be a ${String(issue.params.type)}, got ${given}`;
    case 'minLength':
      return `${place} '${name}' must not be empty`;
    default:
      return `${place} '${name}' ${issue.message ?? 'is invalid'}, got ${given}`;
  }
}

const CODES: Record<number, ErrorCode> = {
  401: 'unauthorized', 403: 'forbidden', 404: 'not_found', 429: 'too_many_requests', 503: 'unavailable',
};

export default fp(async (app) => {
  app.setErrorHandler((error: FastifyError | HttpError | Error, request, reply) => {
    if (error instanceof HttpError) {
      if (error.statusCode >= 500) request.log.warn({ err: error }, error.message);
      return reply.code(error.statusCode).send({ error: error.code, message: error.message });
    }
    const fastifyError = error as FastifyError;
    if (fastifyError.validation && fastifyError.validation.length > 0) {
      const message = validationMessage(request, fastifyError.validationContext, fastifyError.validation[0] as ValidationIssue);
      return reply.code(400).send({ error: 'bad_request', message });
    }
    if (isDatabaseUnavailable(error)) {
      request.log.warn({ err: error }, 'database unavailable');
      return reply.code(503).send({ error: 'unavailable', message: 'The database is unavailable; try again in a moment.' });
    }
    const status = fastifyError.statusCode;
    if (typeof status === 'number' && status >= 400 && status < 500) {
      return reply.code(status).send({ error: CODES[status] ?? 'bad_request', message: error.message });
    }
    request.log.error({ err: error }, 'internal error');
    return reply.code(500).send({ error: 'internal_error', message: 'Something went wrong on the server; the details are in its log.' });
  });
}, { name: 'errors' });
