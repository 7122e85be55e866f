// Who is signed in (GET /api/me) and signing out. The session's CSRF token comes with the answer and is
// handed to the API client, which sends it with every write.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson, navigation, sendJson, setCsrfToken } from '../lib/api-client';
import type { Me, Role } from './types';

export async function getMe(signal?: AbortSignal): Promise<Me> {
  const me = await getJson<Me>('/api/me', {}, signal);
  setCsrfToken(me.csrfToken);
  return me;
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['me', {}], queryFn: ({ signal }) => getMe(signal), staleTime: 5 * 60_000 });

export const useMe = () => useQuery(meQueryOptions());

export async function signOut(): Promise<void> {
  await sendJson('POST', '/auth/logout');
  // From here every request answers 401: the page goes to the signed-out page, not to sign in again.
  setCsrfToken(null);
  // The sign-in page; with OpenID Connect a page saying they signed out (not straight back in through the provider).
  navigation.to('/auth/login?signedOut=1');
}

export const ROLE_NAMES: Record<Role, string> = {
  viewer: 'Viewer',
  contributor: 'Contributor',
  analyst: 'Analyst',
  approver: 'Approver',
  admin: 'Administrator',
  partner: 'Partner',
};
