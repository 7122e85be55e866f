// GET /api/activity (every activity indicator at a month) and GET /api/activity/{code}/series (one activity
// indicator month by month, for its XmR chart). Shapes are the server's own schemas (api/src/schemas).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client';
import type { GeographyParams } from '../lib/filters';
import type { ActivityResponse, ActivitySeriesResponse, ActivitySignal } from '@contract/activity';

export type { ActivityResponse, ActivitySeriesResponse, ActivitySignal };
export type ActivityItem = ActivityResponse['items'][number];
export type ActivityPoint = ActivitySeriesResponse['points'][number];

export type ActivityParams = { month: string } & GeographyParams;

export const getActivity = (params: ActivityParams, signal?: AbortSignal) =>
  getJson<ActivityResponse>('/api/activity', params, signal);

export const activityQueryOptions = (params: ActivityParams) =>
  queryOptions({ queryKey: ['activity', params], queryFn: ({ signal }) => getActivity(params, signal) });

export const useActivity = (params: { month: string | undefined } & GeographyParams) =>
  useQuery({ ...activityQueryOptions({ ...params, month: params.month ?? '' }), enabled: params.month != null });

export type ActivitySeriesParams = { code: string; from: string; to: string } & GeographyParams;

export const getActivitySeries = ({ code, ...params }: ActivitySeriesParams, signal?: AbortSignal) =>
  getJson<ActivitySeriesResponse>(`/api/activity/${encodeURIComponent(code)}/series`, params, signal);

export const activitySeriesQueryOptions = (params: ActivitySeriesParams) =>
  queryOptions({ queryKey: ['activity-series', params], queryFn: ({ signal }) => getActivitySeries(params, signal) });

export const useActivitySeries = (params: { code: string; from: string | undefined; to: string | undefined } & GeographyParams) =>
  useQuery({
    ...activitySeriesQueryOptions({ ...params, from: params.from ?? '', to: params.to ?? '' }),
    enabled: params.from != null && params.to != null,
  });
