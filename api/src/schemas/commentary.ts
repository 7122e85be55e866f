// Commentary on an indicator's month (reporting.md, "Commentary"): one per month × geography × indicator,
// plain text, with the state of its sign-off. GET /api/commentary answers a list of these items; a published
// release holds them as they were approved.
import { Type, type Static } from 'typebox';
import { GeographyQuery, Month, MonthValue, Nullable, PublishedViewQuery, StringEnum, ViewMonth } from './common.js';

export const Person = Type.Object({ email: Type.String(), name: Type.String() }, { description: 'A user, as shown to readers' });

export const CommentaryState = StringEnum(['missing', 'draft', 'submitted', 'approved', 'returned'],
  'missing: required but not written yet; draft → submitted → approved, or returned (with the approver\'s note) and edited again');

export const CommentaryItem = Type.Object({
  indicatorCode: Type.String(),
  geographyCode: Type.String({ description: 'KENT, an area or a district code' }),
  text: Type.String({ maxLength: 4000, description: 'Plain text, line breaks kept; shown as text, never as HTML ("" while missing)' }),
  state: CommentaryState,
  required: Type.Boolean({ description: 'At the county for every indicator whose status that month is red or amber' }),
  author: Nullable({ ...Person, description: 'Who wrote the latest text, or submitted a carried-over one (null while missing, and for a carried-over draft nobody has submitted)' }),
  updatedAt: Nullable(Type.String({ format: 'date-time', description: 'When the latest text was saved, ISO 8601 UTC (null while missing, and for a carried-over draft not yet stored)' })),
  reviewer: Nullable(Person),
  reviewNote: Nullable(Type.String({ description: 'The approver\'s note when returned' })),
  carriedOver: Type.Optional(Type.Boolean({ description: 'A draft holding last month\'s approved text, not yet saved, submitted or approved by a person' })),
  carriedWriters: Type.Optional(Type.Array(Person, { description: 'On a submitted text that is still a carried-over text unchanged: who wrote it in earlier months. With the author they are its writers, and none of them may approve it' })),
});

export const CommentaryResponse = Type.Object({ month: MonthValue, items: Type.Array(CommentaryItem) });

export const CommentaryQuery = Type.Object({
  month: ViewMonth(),
  ...GeographyQuery,
  ...PublishedViewQuery,
}, { additionalProperties: false });

export const CommentaryParams = Type.Object({
  month: Month('The month (YYYY-MM)'),
  geographyCode: Type.String({ minLength: 1, maxLength: 64, description: 'KENT, an area or a district code' }),
  indicatorCode: Type.String({ minLength: 1, maxLength: 64 }),
});

export const CommentaryText = Type.Object({
  text: Type.String({ description: 'Plain text, 1–4,000 characters, line breaks kept' }),
}, { additionalProperties: false });

export const ReturnNote = Type.Object({
  note: Type.String({ description: 'Why it is returned: what the writer should change (1–4,000 characters)' }),
}, { additionalProperties: false });

export const CommentaryAction = StringEnum(['save', 'submit', 'approve', 'return', 'carry_over']);

export const CommentaryHistoryEntry = Type.Object({
  text: Type.String(),
  state: CommentaryState,
  action: CommentaryAction,
  by: Nullable({ ...Person, description: 'Who did it, as they were named then (null: carried over by the product)' }),
  at: Type.String({ format: 'date-time' }),
  note: Nullable(Type.String()),
  selfApproved: Type.Boolean({ description: 'Approved by its own writer: an administrator with no other approver or administrator' }),
});

export const CommentaryHistoryResponse = Type.Object({ entries: Type.Array(CommentaryHistoryEntry, { description: 'Oldest first' }) });

export const IndicatorOwner = Type.Object({
  indicatorCode: Type.String(),
  owner: Nullable({ ...Person, description: 'null: nobody owns it yet' }),
});
export const OwnersResponse = Type.Object({ owners: Type.Array(IndicatorOwner) });
export const OwnersBody = Type.Object({
  owners: Type.Array(Type.Object({
    indicatorCode: Type.String({ minLength: 1, maxLength: 64 }),
    email: Nullable(Type.String({ minLength: 1, maxLength: 320, description: 'A user\'s e-mail; null removes the owner' })),
  }, { additionalProperties: false }), { maxItems: 200 }),
}, { additionalProperties: false });

export const DueDateParams = Type.Object({ month: Month('The month (YYYY-MM)') });
export const DueDateBody = Type.Object({
  dueDate: Nullable(Type.String({ pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$', description: 'YYYY-MM-DD; null clears it' })),
}, { additionalProperties: false });
export const DueDateResponse = Type.Object({ month: MonthValue, dueDate: Nullable(Type.String({ format: 'date' })) });

export type Person = Static<typeof Person>;
export type CommentaryState = Static<typeof CommentaryState>;
export type CommentaryItem = Static<typeof CommentaryItem>;
export type CommentaryResponse = Static<typeof CommentaryResponse>;
export type CommentaryHistoryEntry = Static<typeof CommentaryHistoryEntry>;
export type CommentaryHistoryResponse = Static<typeof CommentaryHistoryResponse>;
export type IndicatorOwner = Static<typeof IndicatorOwner>;
export type OwnersResponse = Static<typeof OwnersResponse>;
export type DueDateResponse = Static<typeof DueDateResponse>;
