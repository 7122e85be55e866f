// The audit log for administrators: GET /api/audit (JSON, newest first) and /api/audit.csv (every entry
// matching the filter), days in Europe/London time.
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { toCsv } from '../export/csv.js';
import { AUDIT_CSV_HEADER, auditActions, auditCsvRow, auditFileName, findAuditEntries } from '../queries/audit.js';
import { AuditActionsResponse, AuditQuery, AuditResponse } from '../schemas/audit.js';
import { errorResponses } from '../schemas/common.js';
import { Type } from 'typebox';

/** The JSON answer lists this many entries at most; the CSV has them all. */
export const AUDIT_PAGE_LIMIT = 1000;

const audit: FastifyPluginAsyncTypebox = async (app) => {
  app.get('/api/audit', {
    config: { access: 'admin' },
    schema: {
      summary: 'The audit log between two days (Europe/London), optionally for one user or one action, newest first',
      tags: ['admin'],
      querystring: AuditQuery,
      response: { 200: AuditResponse, ...errorResponses },
    },
  }, async (request) => {
    const { entries, total } = await findAuditEntries(app.db, request.query, AUDIT_PAGE_LIMIT);
    return { from: request.query.from, to: request.query.to, entries, total, truncated: total > entries.length };
  });

  app.get('/api/audit.csv', {
    // A download like the exports: recorded with its filter.
    config: { access: 'admin', audit: 'export' },
    schema: {
      summary: 'The audit log between two days as CSV (every matching entry, newest first)',
      tags: ['admin'],
      querystring: AuditQuery,
      response: {
        200: { description: 'UTF-8 CSV with a byte-order mark, CRLF line ends', content: { 'text/csv': { schema: { type: 'string', format: 'binary' } } } },
        ...errorResponses,
      },
    },
  }, async (request, reply) => {
    const { entries } = await findAuditEntries(app.db, request.query, null);
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="${auditFileName(request.query)}"`)
      .header('cache-control', 'no-store')
      .send(toCsv(AUDIT_CSV_HEADER, entries.map(auditCsvRow)));
  });

  app.get('/api/audit/actions', {
    config: { access: 'admin' },
    schema: {
      summary: 'Every action the audit log holds (for a filter)',
      tags: ['admin'],
      querystring: Type.Object({}, { additionalProperties: false }),
      response: { 200: AuditActionsResponse, 503: errorResponses[503] },
    },
  }, async () => ({ actions: await auditActions(app.db) }));
};

export default audit;
