// GET /api/scorecard?month=…[&area=…|&district=…]
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client';
import type { GeographyParams } from '../lib/filters';
import type { ScorecardResponse } from './types';

export type ScorecardParams = { month: string } & GeographyParams;

export const getScorecard = (params: ScorecardParams, signal?: AbortSignal) =>
  getJson<ScorecardResponse>('/api/scorecard', params, signal);

export const scorecardQueryOptions = (params: ScorecardParams) =>
  queryOptions({ queryKey: ['scorecard', params], queryFn: ({ signal }) => getScorecard(params, signal) });

export const useScorecard = (params: { month: string | undefined } & GeographyParams) =>
  useQuery({ ...scorecardQueryOptions({ ...params, month: params.month ?? '' }), enabled: params.month != null });
