// Published months (reporting.md, "Publication"): GET /api/publications (every version, newest first) and
// GET /api/publications/{month}/revisions (what the live figures now say differently).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client';
import type { PublicationListItem, PublicationsResponse, RevisionsResponse } from './types';

export const getPublications = (signal?: AbortSignal) => getJson<PublicationsResponse>('/api/publications', {}, signal);

export const publicationsQueryOptions = () =>
  queryOptions({ queryKey: ['publications', {}], queryFn: ({ signal }) => getPublications(signal) });

export const usePublications = () => useQuery(publicationsQueryOptions());

/** A month's versions, newest first. */
export function monthVersions(publications: PublicationsResponse | undefined, month: string | undefined): PublicationListItem[] {
  return month ? (publications?.publications ?? []).filter((p) => p.month === month) : [];
}

export const getRevisions = (month: string, version: number, signal?: AbortSignal) =>
  getJson<RevisionsResponse>(`/api/publications/${encodeURIComponent(month)}/revisions`, { version }, signal);

export const useRevisions = (month: string | undefined, version: number | undefined) =>
  useQuery({
    queryKey: ['revisions', { month, version }],
    queryFn: ({ signal }) => getRevisions(month!, version!, signal),
    enabled: month != null && version != null,
  });
