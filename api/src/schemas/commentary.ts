// Commentary on an indicator's month (reporting.md, "Commentary"): one per month × geography × indicator,
// plain text, with the state of its sign-off. GET /api/commentary answers a list of these items; a published
// release holds them as they were approved.
import { Type, type Static } from 'typebox';
import { MonthValue, Nullable, StringEnum } from './common.js';

export const Person = Type.Object({ email: Type.String(), name: Type.String() }, { description: 'A user, as shown to readers' });

export const CommentaryState = StringEnum(['missing', 'draft', 'submitted', 'approved', 'returned'],
  'missing: required but not written yet; draft → submitted → approved, or returned (with the approver\'s note) and edited again');

export const CommentaryItem = Type.Object({
  indicatorCode: Type.String(),
  geographyCode: Type.String({ description: 'KENT, an area or a district code' }),
  text: Type.String({ maxLength: 4000, description: 'Plain text, line breaks kept; shown as text, never as HTML ("" while missing)' }),
  state: CommentaryState,
  required: Type.Boolean({ description: 'At the county for every indicator whose status that month is red or amber' }),
  author: Nullable({ ...Person, description: 'Who wrote the latest text (null while missing)' }),
  updatedAt: Nullable(Type.String({ format: 'date-time', description: 'When the latest text was saved, ISO 8601 UTC (null while missing)' })),
  reviewer: Nullable(Person),
  reviewNote: Nullable(Type.String({ description: 'The approver\'s note when returned' })),
});

export const CommentaryResponse = Type.Object({ month: MonthValue, items: Type.Array(CommentaryItem) });

export type Person = Static<typeof Person>;
export type CommentaryState = Static<typeof CommentaryState>;
export type CommentaryItem = Static<typeof CommentaryItem>;
export type CommentaryResponse = Static<typeof CommentaryResponse>;
