// What the Month close page reads and does (reporting.md, "Routes"): the month's executive summary and its
// sign-off, its drafted headlines, the month's commentary with owners and due date, and the published
// versions (publish, withdraw).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type {
  CommentaryResponse, DraftHeadlinesResponse, DueDateResponse, OwnersResponse, PublicationListItem, PublicationsResponse,
  PublishRequest, PublishResponse, SummaryResponse, SummaryUpdate,
} from '../../../api/types';
import { getJson, sendJson } from '../../../lib/api-client';

export const summaryQueryOptions = (month: string) =>
  queryOptions({
    queryKey: ['summary', month],
    queryFn: ({ signal }) => getJson<SummaryResponse>(`/api/summary/${month}`, {}, signal),
  });
export const useSummary = (month: string) => useQuery(summaryQueryOptions(month));

export const saveSummary = (month: string, parts: SummaryUpdate) => sendJson<SummaryResponse>('PUT', `/api/summary/${month}`, parts);

export type SummaryAction = 'submit' | 'approve' | 'return';
export const actOnSummary = (month: string, action: SummaryAction, note?: string) =>
  sendJson<SummaryResponse>('POST', `/api/summary/${month}/${action}`, note === undefined ? {} : { note });

export const getDraftHeadlines = (month: string) => getJson<DraftHeadlinesResponse>(`/api/summary/${month}/draft-headlines`);

export const useCommentary = (month: string) =>
  useQuery({
    queryKey: ['commentary', month],
    queryFn: ({ signal }) => getJson<CommentaryResponse>('/api/commentary', { month }, signal),
  });

/** Owners are read by those who set them (analysts, admins): for anyone else the page says so instead. */
export const useOwners = () =>
  useQuery({ queryKey: ['commentary-owners'], queryFn: ({ signal }) => getJson<OwnersResponse>('/api/commentary/owners', {}, signal) });

/** Sets (email null: removes) the owners of the indicators listed; the others keep theirs. */
export const setOwners = (owners: { indicatorCode: string; email: string | null }[]) => sendJson<OwnersResponse>('PUT', '/api/commentary/owners', { owners });

export const setDueDate = (month: string, dueDate: string | null) =>
  sendJson<DueDateResponse>('PUT', `/api/commentary/${month}/due-date`, { dueDate });

export const useDueDate = (month: string) =>
  useQuery({
    queryKey: ['commentary-due-date', month],
    queryFn: ({ signal }) => getJson<DueDateResponse>(`/api/commentary/${month}/due-date`, {}, signal),
  });

/** Asked again every few seconds while the job is still making the shown month's board packs (after publishing). */
const PACKS_POLL_MS = 5000;

/**
 * Whether the shown month's current version has board packs missing that the server's job is still making. Not
 * for withdrawn or earlier versions, and not once the job has tried them all (a pack that failed, or no job): the
 * packs left are then made at their first download, and asking again would never end.
 */
export function packsBeingMade(publications: PublicationsResponse | undefined, month: string): boolean {
  const current = publications?.publications.find((p) => p.month === month && p.current);
  const packs = current?.boardPacks;
  return packs !== undefined && packs.rendering && packs.stored < packs.total;
}

export const usePublications = (month: string) =>
  useQuery({
    queryKey: ['publications'],
    queryFn: ({ signal }) => getJson<PublicationsResponse>('/api/publications', {}, signal),
    refetchInterval: (query) => (packsBeingMade(query.state.data, month) ? PACKS_POLL_MS : false),
  });

export const publishMonth = (request: PublishRequest) => sendJson<PublishResponse>('POST', '/api/publications', request);

export const withdrawVersion = (month: string, version: number, reason: string) =>
  sendJson<PublicationListItem>('POST', `/api/publications/${month}/withdraw`, { version, reason });
