// The signed-in user's API tokens: GET /api/tokens, POST /api/tokens (the token comes back once),
// DELETE /api/tokens/{id}.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { NewTokenBody, NewTokenResponse, TokensResponse } from '@contract/admin';
import { getJson, sendJson } from '../../../lib/api-client';

export const tokensQueryOptions = () =>
  queryOptions({ queryKey: ['tokens', {}], queryFn: ({ signal }) => getJson<TokensResponse>('/api/tokens', {}, signal) });

export const useTokens = () => useQuery(tokensQueryOptions());

export function useCreateToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: NewTokenBody) => sendJson<NewTokenResponse>('POST', '/api/tokens', body),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}

export function useRevokeToken() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => sendJson('DELETE', `/api/tokens/${id}`),
    onSuccess: () => client.invalidateQueries({ queryKey: ['tokens'] }),
  });
}
