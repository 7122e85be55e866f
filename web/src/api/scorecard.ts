// GET /api/scorecard?month=…[&area=…|&district=…][&view=published[&version=N]]
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client';
import type { GeographyParams } from '../lib/filters';
import type { ScorecardResponse } from './types';

/**
 * view=published (and version) reads the month as it was published; live (the default) as it stands. The
 * scorecard, series, caseloads and commentary all take it (partners always get the published view).
 */
export type ScorecardView = { view?: 'live' | 'published'; version?: number };

export type ScorecardParams = { month: string } & GeographyParams & ScorecardView;

export const getScorecard = (params: ScorecardParams, signal?: AbortSignal) =>
  getJson<ScorecardResponse>('/api/scorecard', params, signal);

export const scorecardQueryOptions = (params: ScorecardParams) =>
  queryOptions({ queryKey: ['scorecard', params], queryFn: ({ signal }) => getScorecard(params, signal) });

export const useScorecard = (params: { month: string | undefined } & GeographyParams & ScorecardView) =>
  useQuery({ ...scorecardQueryOptions({ ...params, month: params.month ?? '' }), enabled: params.month != null });
