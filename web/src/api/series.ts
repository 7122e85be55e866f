// GET /api/indicators/{code}/series: monthly points for one geography, or one point per district or area.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client';
import type { GeographyParams } from '../lib/filters';
import type { ScorecardView } from './scorecard';
import type { Breakdown, SeriesResponse } from './types';

/** With view=published: `to` is the published month, `from` may be left out (its first month with data). */
export type SeriesParams = { code: string; from?: string; to: string; by?: Breakdown } & GeographyParams & ScorecardView;

export const getSeries = ({ code, ...params }: SeriesParams, signal?: AbortSignal) =>
  getJson<SeriesResponse>(`/api/indicators/${encodeURIComponent(code)}/series`, params, signal);

export const seriesQueryOptions = (params: SeriesParams) =>
  queryOptions({ queryKey: ['series', params], queryFn: ({ signal }) => getSeries(params, signal) });

export const useSeries = (params: SeriesParams, options: { enabled?: boolean } = {}) =>
  useQuery({ ...seriesQueryOptions(params), enabled: options.enabled ?? true });
