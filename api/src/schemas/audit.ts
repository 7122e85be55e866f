// The audit log's contract: GET /api/audit and its CSV (access.md, "Audit").
import { Type, type Static } from 'typebox';
import { Nullable } from './common.js';

const Day = (description: string) => Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description, examples: ['2026-03-29'] });

export const AuditQuery = Type.Object({
  from: Day('The first day (YYYY-MM-DD, Europe/London), included'),
  to: Day('The last day (YYYY-MM-DD, Europe/London), included'),
  user: Type.Optional(Type.String({ minLength: 1, maxLength: 320, description: 'The e-mail of the user who acted (any case)' })),
  action: Type.Optional(Type.String({ minLength: 1, maxLength: 64, description: 'One action, e.g. sign_in, token_created' })),
}, { additionalProperties: false });
export type AuditQuery = Static<typeof AuditQuery>;

export const AuditEntry = Type.Object({
  id: Type.Integer(),
  at: Type.String({ format: 'date-time', description: 'ISO 8601, UTC' }),
  userEmail: Nullable(Type.String({ description: 'Who acted: the e-mail at the time, or cli:<os user> for the command line' })),
  userName: Nullable(Type.String({ description: "The user's name (kept after they are removed)" })),
  address: Nullable(Type.String({ description: 'The address the request came from' })),
  action: Type.String(),
  object: Nullable(Type.String({ description: 'What was acted on' })),
  details: Type.Record(Type.String(), Type.Unknown(), { description: 'Whatever else the action records' }),
});
export type AuditEntry = Static<typeof AuditEntry>;

/** The newest entries first, at most AUDIT_PAGE_LIMIT of them: `total` says how many matched. */
export const AuditResponse = Type.Object({
  from: Type.String(),
  to: Type.String(),
  entries: Type.Array(AuditEntry),
  total: Type.Integer({ description: 'Entries matching the filter' }),
  truncated: Type.Boolean({ description: 'More matched than are listed: narrow the filter or download the CSV' }),
});
export type AuditResponse = Static<typeof AuditResponse>;

export const AuditActionsResponse = Type.Object({ actions: Type.Array(Type.String()) });
export type AuditActionsResponse = Static<typeof AuditActionsResponse>;
