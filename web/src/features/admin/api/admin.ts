// The Admin page's requests: users, sessions, tokens (GET /api/admin/...), the changes an administrator
// makes (each refreshes the lists it affects), and the audit log (GET /api/audit) with its filters.
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  AdminSessionsResponse, AdminTokensResponse, AdminUser, AdminUsersResponse, SignInLinkResponse, UserChangeBody,
} from '@contract/admin';
import type { AuditActionsResponse, AuditQuery, AuditResponse } from '@contract/audit';
import { apiPath, getJson, sendJson } from '../../../lib/api-client';

export const adminUsersQuery = () =>
  queryOptions({ queryKey: ['admin-users', {}], queryFn: ({ signal }) => getJson<AdminUsersResponse>('/api/admin/users', {}, signal) });
export const adminSessionsQuery = () =>
  queryOptions({ queryKey: ['admin-sessions', {}], queryFn: ({ signal }) => getJson<AdminSessionsResponse>('/api/admin/sessions', {}, signal) });
export const adminTokensQuery = () =>
  queryOptions({ queryKey: ['admin-tokens', {}], queryFn: ({ signal }) => getJson<AdminTokensResponse>('/api/admin/tokens', {}, signal) });
export const auditQuery = (filter: AuditQuery) =>
  queryOptions({ queryKey: ['audit', filter], queryFn: ({ signal }) => getJson<AuditResponse>('/api/audit', { ...filter }, signal) });
export const auditActionsQuery = () =>
  queryOptions({ queryKey: ['audit-actions', {}], queryFn: ({ signal }) => getJson<AuditActionsResponse>('/api/audit/actions', {}, signal) });

export const useAdminUsers = (enabled: boolean) => useQuery({ ...adminUsersQuery(), enabled });
export const useAdminSessions = (enabled: boolean) => useQuery({ ...adminSessionsQuery(), enabled });
export const useAdminTokens = (enabled: boolean) => useQuery({ ...adminTokensQuery(), enabled });
export const useAudit = (filter: AuditQuery, enabled: boolean) => useQuery({ ...auditQuery(filter), enabled });
export const useAuditActions = (enabled: boolean) => useQuery({ ...auditActionsQuery(), enabled });

export const auditCsvHref = (filter: AuditQuery) => apiPath('/api/audit.csv', { ...filter });

/** A change, then fresh lists: every admin list and the audit log (each change writes an entry). */
function useAdminChange<TVariables, TResult>(change: (variables: TVariables) => Promise<TResult>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: change,
    onSettled: () => Promise.all(['admin-users', 'admin-sessions', 'admin-tokens', 'audit', 'audit-actions']
      .map((key) => client.invalidateQueries({ queryKey: [key] }))),
  });
}

export const useChangeUser = () =>
  useAdminChange(({ id, ...body }: UserChangeBody & { id: number }) => sendJson<AdminUser>('PATCH', `/api/admin/users/${id}`, body));
export const useRemoveUser = () => useAdminChange((id: number) => sendJson('DELETE', `/api/admin/users/${id}`));
export const useSetPassword = () =>
  useAdminChange(({ id, password }: { id: number; password: string }) => sendJson('POST', `/api/admin/users/${id}/password`, { password }));
export const useSignInLink = () => useAdminChange((id: number) => sendJson<SignInLinkResponse>('POST', `/api/admin/users/${id}/link`));
export const useEndSession = () => useAdminChange((id: string) => sendJson('DELETE', `/api/admin/sessions/${id}`));
export const useRevokeAnyToken = () => useAdminChange((id: number) => sendJson('DELETE', `/api/admin/tokens/${id}`));
