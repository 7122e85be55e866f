// The Import page's requests: an upload (create, send files, check, load, cancel) and the import history.
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { ImportHistoryResponse, UploadBatchResponse } from '@contract/imports';
import { getJson, sendJson, uploadFile } from '../../../lib/api-client';

export type UploadBatch = UploadBatchResponse;
export type ImportRun = ImportHistoryResponse['runs'][number];
export type ImportProblem = NonNullable<UploadBatch['result']>['problems'][number];

export const createUpload = () => sendJson<UploadBatch>('POST', '/api/imports');

export const sendFile = (id: string, file: File, onProgress: (sent: number) => void, signal?: AbortSignal) =>
  uploadFile<UploadBatch['files'][number]>(`/api/imports/${id}/files/${encodeURIComponent(file.name)}`, file, onProgress, signal);

export const startRun = (id: string, step: 'check' | 'load', options: { replace: boolean; asAt: string | null }) =>
  sendJson<UploadBatch>('POST', `/api/imports/${id}/${step}`, options);

export const cancelUpload = (id: string) => sendJson('DELETE', `/api/imports/${id}`);

export const isRunning = (batch: UploadBatch | undefined) => batch?.state === 'checking' || batch?.state === 'loading';

/** The upload, polled twice a second while it is being checked or loaded. */
export const useUpload = (id: string | null) =>
  useQuery({
    queryKey: ['imports', id],
    queryFn: ({ signal }) => getJson<UploadBatch>(`/api/imports/${id}`, {}, signal),
    enabled: id !== null,
    refetchInterval: (query) => (isRunning(query.state.data) ? 500 : false),
  });

export const importHistoryQueryOptions = () =>
  queryOptions({ queryKey: ['imports', 'history'], queryFn: ({ signal }) => getJson<ImportHistoryResponse>('/api/imports', {}, signal) });

export const useImportHistory = () => useQuery(importHistoryQueryOptions());
