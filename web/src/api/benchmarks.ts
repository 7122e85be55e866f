// GET /api/benchmarks/{code}: a KPI's DfE measure over every published period. A KPI without a measure
// answers 404, which here means "no benchmark" (null), not an error.
import { queryOptions, useQuery } from '@tanstack/react-query';
import { ApiError, getJson } from '../lib/api-client';
import type { BenchmarkResponse } from './types';

export async function getBenchmarks(code: string, month: string | undefined, signal?: AbortSignal): Promise<BenchmarkResponse | null> {
  try {
    return await getJson<BenchmarkResponse>(`/api/benchmarks/${encodeURIComponent(code)}`, { month }, signal);
  } catch (error) {
    if (error instanceof ApiError && error.status === 404) return null;
    throw error;
  }
}

export const benchmarksQueryOptions = (code: string, month: string | undefined) =>
  queryOptions({ queryKey: ['benchmarks', { code, month }], queryFn: ({ signal }) => getBenchmarks(code, month, signal) });

/** `month`: the API then names the period that month reads (`periodForMonth`). */
export const useBenchmarks = (code: string, month: string | undefined) =>
  useQuery({ ...benchmarksQueryOptions(code, month), enabled: month != null });
