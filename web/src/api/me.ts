// GET /api/me: who is signed in (e-mail, name, role, scope), so the app shows only what their role allows.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { Role } from '../../../api/src/access/roles';
import { getJson } from '../lib/api-client';

export interface Me {
  email: string;
  name: string | null;
  role: Role | null;
  scope: string[] | null;
  csrfToken: string | null;
}

export const meQueryOptions = () =>
  queryOptions({ queryKey: ['me', {}], queryFn: ({ signal }) => getJson<Me>('/api/me', {}, signal), staleTime: 5 * 60_000 });

export const useMe = () => useQuery(meQueryOptions());
