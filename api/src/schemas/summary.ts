// The month's executive summary (reporting.md, "Executive summary"): data headlines, recent activity and
// planned activity for the county, plain text, signed off like commentary; and the data headlines the product
// drafts from the figures for the analyst to start from.
import { Type, type Static } from 'typebox';
import { CommentaryState, Person } from './commentary.js';
import { Month, MonthValue, Nullable, StringEnum } from './common.js';

const SummaryText = (description: string) => Type.String({ maxLength: 4000, description: `${description}: plain text, line breaks kept, shown as text (never HTML)` });

export const SummaryParams = Type.Object({ month: Month('The month the summary is for (YYYY-MM)') });

export const SummaryParts = {
  dataHeadlines: SummaryText('Data headlines'),
  recentActivity: SummaryText('Recent activity'),
  plannedActivity: SummaryText('Planned activity'),
};

export const SummaryUpdate = Type.Object(SummaryParts, { additionalProperties: false });

export const SummaryResponse = Type.Object({
  month: MonthValue,
  ...SummaryParts,
  state: CommentaryState,
  author: Nullable({ ...Person, description: 'Who saved the latest text (null while missing)' }),
  updatedAt: Nullable(Type.String({ format: 'date-time', description: 'When the latest text was saved, ISO 8601 UTC' })),
  reviewer: Nullable({ ...Person, description: 'Who approved or returned the latest text' }),
  reviewNote: Nullable(Type.String({ description: 'The approver\'s note when returned' })),
  selfApproved: Type.Boolean({ description: 'Approved by its own author: an admin with no other approver or admin' }),
});

export const ReviewRequest = Type.Object({
  note: Type.Optional(Type.String({ maxLength: 4000, description: 'Why it is returned (required to return; optional to approve)' })),
}, { additionalProperties: false });

export const SummaryHistoryEntry = Type.Object({
  ...SummaryParts,
  state: StringEnum(['draft', 'submitted', 'approved', 'returned']),
  by: Person,
  at: Type.String({ format: 'date-time' }),
  note: Nullable(Type.String()),
  selfApproved: Type.Boolean({ description: 'Approved by its own author: an admin with no other approver or admin' }),
});

export const SummaryHistoryResponse = Type.Object({
  month: MonthValue,
  entries: Type.Array(SummaryHistoryEntry, { description: 'Every save and change of state, oldest first' }),
});

export const DraftHeadlinesResponse = Type.Object({
  month: MonthValue,
  headlines: Type.Array(Type.String(), {
    description: 'Sentences drafted from the county figures: status changes since the previous month, the largest '
      + 'movements against last month and last year, activity outside its expected range',
  }),
});

export type SummaryUpdate = Static<typeof SummaryUpdate>;
export type SummaryResponse = Static<typeof SummaryResponse>;
export type ReviewRequest = Static<typeof ReviewRequest>;
export type SummaryHistoryEntry = Static<typeof SummaryHistoryEntry>;
export type SummaryHistoryResponse = Static<typeof SummaryHistoryResponse>;
export type DraftHeadlinesResponse = Static<typeof DraftHeadlinesResponse>;
