// Commentary and its sign-off (reporting.md, "Commentary"): the month's items, one item's history, and the
// writes (save, submit, approve, return). Who may do what mirrors the server's rules so the page shows only
// the actions a user may take; the server still decides, and its refusal is shown as it words it.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CommentaryHistoryResponse, CommentaryItem, CommentaryResponse, CommentaryState } from '@contract/commentary';
import type { Geographies } from '../../../api/reference';
import type { ScorecardView } from '../../../api/scorecard';
import type { Me } from '../../../api/types';
import { getJson, sendJson } from '../../../lib/api-client';
import type { GeographyParams } from '../../../lib/filters';
import { can } from '../../../../../shared/roles';

export type { CommentaryHistoryResponse, CommentaryItem, CommentaryResponse, CommentaryState };
export type CommentaryHistoryEntry = CommentaryHistoryResponse['entries'][number];

export const COUNTY_CODE = 'KENT';

/** Each state in words, for the scorecard row and the panel (never colour alone). */
export const STATE_WORDS: Record<CommentaryState, string> = {
  missing: 'Required, not written',
  draft: 'Draft',
  submitted: 'Submitted for approval',
  approved: 'Approved',
  returned: 'Returned for changes',
};

export const commentaryQueryOptions = (params: { month: string } & GeographyParams & ScorecardView) =>
  queryOptions({
    queryKey: ['commentary', params],
    queryFn: ({ signal }) => getJson<CommentaryResponse>('/api/commentary', params, signal),
  });

/**
 * The month's commentary for one geography: as it stands, or (view=published) as the month was published,
 * approved text only, which is all partners get.
 */
export const useCommentary = (params: { month: string | undefined } & GeographyParams & ScorecardView, enabled = true) =>
  useQuery({ ...commentaryQueryOptions({ ...params, month: params.month ?? '' }), enabled: enabled && params.month != null });

export interface CommentaryKey { month: string; geographyCode: string; indicatorCode: string }

const itemPath = (key: CommentaryKey) =>
  `/api/commentary/${key.month}/${encodeURIComponent(key.geographyCode)}/${encodeURIComponent(key.indicatorCode)}`;

export const useCommentaryHistory = (key: CommentaryKey, enabled: boolean) =>
  useQuery({
    queryKey: ['commentary-history', key],
    queryFn: ({ signal }) => getJson<CommentaryHistoryResponse>(`${itemPath(key)}/history`, {}, signal),
    enabled,
  });

export type CommentaryChange =
  | { action: 'save'; text: string }
  | { action: 'submit' }
  | { action: 'approve' }
  | { action: 'return'; note: string };

export function changeCommentary(key: CommentaryKey, change: CommentaryChange): Promise<CommentaryItem> {
  switch (change.action) {
    case 'save':
      return sendJson<CommentaryItem>('PUT', itemPath(key), { text: change.text });
    case 'return':
      return sendJson<CommentaryItem>('POST', `${itemPath(key)}/return`, { note: change.note });
    default:
      return sendJson<CommentaryItem>('POST', `${itemPath(key)}/${change.action}`);
  }
}

/** A change of one commentary; the month's list and the item's history are read again afterwards. */
export function useChangeCommentary(key: CommentaryKey) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (change: CommentaryChange) => changeCommentary(key, change),
    onSettled: async () => {
      await Promise.all([
        client.invalidateQueries({ queryKey: ['commentary'] }),
        client.invalidateQueries({ queryKey: ['commentary-history', key] }),
      ]);
    },
  });
}

/** Whether a scope (null: none) covers a geography: the county covers everything, an area its districts. */
export function scopeCovers(scope: readonly string[] | null, code: string, geographies: Pick<Geographies, 'districts'> | undefined): boolean {
  if (scope === null || scope.includes(COUNTY_CODE) || scope.includes(code)) return true;
  const district = geographies?.districts.find((d) => d.code === code);
  return district?.areaCode != null && scope.includes(district.areaCode);
}

export interface Allowed { write: boolean; submit: boolean; approve: boolean; return: boolean }

/** What the user may do to the item now (access.md's roles, reporting.md's states). */
export function allowedActions(me: Me | undefined, item: CommentaryItem | null, geographyCode: string, geographies: Pick<Geographies, 'districts'> | undefined): Allowed {
  const role = me?.role ?? null;
  const writer = can(role, 'write_commentary') && scopeCovers(me!.scope, geographyCode, geographies);
  const approver = can(role, 'approve');
  const state = item?.state ?? 'missing';
  // Nobody approves the text they wrote last — a carried-over text unchanged was written by its earlier writers
  // too; an administrator alone may (the server knows whether they are).
  const wroteIt = me != null && item != null
    && [item.author, ...(item.carriedWriters ?? [])].some((writer) => writer?.email === me.email);
  return {
    write: writer,
    submit: writer && state === 'draft',
    approve: approver && state === 'submitted' && (!wroteIt || role === 'admin'),
    return: approver && state === 'submitted',
  };
}
