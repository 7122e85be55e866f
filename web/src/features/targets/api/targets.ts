// The Targets page's requests: the targets (one indicator or all), and setting or deleting one row.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { TargetBody, TargetProblem, TargetRejected, TargetRow, TargetsResponse } from '@contract/targets';
import type { Role } from '../../../api/types';
import { ApiError, getJson, sendJson } from '../../../lib/api-client';
import { can } from '../../../../../shared/roles';

export type { TargetBody, TargetProblem, TargetRow, TargetsResponse };
export type TargetEntry = TargetsResponse['targets'][number];

export const getTargets = (params: { indicator?: string }, signal?: AbortSignal) =>
  getJson<TargetsResponse>('/api/targets', params, signal);

export const targetsQueryOptions = (params: { indicator?: string }) =>
  queryOptions({ queryKey: ['targets', params], queryFn: ({ signal }) => getTargets(params, signal) });

export const useTargets = (params: { indicator?: string }) => useQuery(targetsQueryOptions(params));

export interface TargetKey {
  indicator: string;
  year: string;
  geography: string;
}

const targetPath = (key: TargetKey) =>
  `/api/targets/${encodeURIComponent(key.indicator)}/${encodeURIComponent(key.year)}/${encodeURIComponent(key.geography)}`;

/** A rejected row: the server's problems by field (the targets file's rules and the floor rule). */
export class TargetRejectedError extends Error {
  constructor(message: string, readonly problems: TargetProblem[]) {
    super(message);
    this.name = 'TargetRejectedError';
  }
}

/** Sets a row; a row the server refuses throws TargetRejectedError with its problems by field. */
export async function saveTarget(key: TargetKey, body: TargetBody): Promise<TargetRow> {
  try {
    return await sendJson<TargetRow>('PUT', targetPath(key), body);
  } catch (error) {
    const problems = error instanceof ApiError && error.status === 400 ? (error.body as TargetRejected | null)?.problems : undefined;
    if (problems) throw new TargetRejectedError((error as ApiError).message, problems);
    throw error;
  }
}

export const deleteTarget = (key: TargetKey) => sendJson('DELETE', targetPath(key));


/**
 * Who sees the edit controls: the roles with the `import` capability (shared/roles.ts). The server
 * decides; this only spares others controls that would be refused.
 */
export const canEditTargets = (role: Role | null | undefined) => can(role ?? null, 'import');
