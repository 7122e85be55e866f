// Reference data every page needs: the months the data covers, the indicator catalogue and the list of
// geographies (/api/geographies: the county, its areas and its districts, known before any month has data).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client';
import type { CaseloadsResponse, GeographiesResponse, GeographyType, IndicatorsResponse, MonthsResponse } from './types';
import type { ScorecardView } from './scorecard';

export const getMonths = (signal?: AbortSignal) => getJson<MonthsResponse>('/api/months', {}, signal);

export const monthsQueryOptions = () =>
  queryOptions({ queryKey: ['months', {}], queryFn: ({ signal }) => getMonths(signal), staleTime: 5 * 60_000 });

export const useMonths = () => useQuery(monthsQueryOptions());

/**
 * The month a page shows when its address names none: the latest month every dataset covers, so the first view
 * is never one whose figures are still missing for want of an extract; the latest month if none is complete.
 */
export function openingMonth(months: MonthsResponse | undefined): string | undefined {
  return months?.latestComplete ?? months?.latest ?? undefined;
}

export const getIndicators = (signal?: AbortSignal) =>
  getJson<IndicatorsResponse>('/api/indicators', {}, signal);

export const indicatorsQueryOptions = () =>
  queryOptions({ queryKey: ['indicators', {}], queryFn: ({ signal }) => getIndicators(signal), staleTime: Infinity });

export const useIndicators = () => useQuery(indicatorsQueryOptions());

export const getCaseloads = (params: { month: string } & ScorecardView, signal?: AbortSignal) =>
  getJson<CaseloadsResponse>('/api/caseloads', params, signal);

export const caseloadsQueryOptions = (params: { month: string } & ScorecardView) =>
  queryOptions({ queryKey: ['caseloads', params], queryFn: ({ signal }) => getCaseloads(params, signal) });

export const useCaseloads = (params: { month: string | undefined } & ScorecardView) =>
  useQuery({ ...caseloadsQueryOptions({ ...params, month: params.month ?? '' }), enabled: params.month != null });

export interface GeographyOption {
  type: GeographyType;
  code: string;
  name: string;
  /** For a district: its area's code. */
  areaCode?: string;
}

export interface Geographies {
  county: GeographyOption;
  areas: GeographyOption[];
  districts: GeographyOption[];
}

export function geographiesForPickers(data: GeographiesResponse): Geographies {
  const byName = (a: GeographyOption, b: GeographyOption) => a.name.localeCompare(b.name, 'en-GB');
  return {
    county: { type: 'county', code: data.county.code, name: data.county.name },
    areas: data.areas.map((a) => ({ type: 'area' as const, code: a.code, name: a.name })).sort(byName),
    districts: data.districts
      .map((d) => ({ type: 'district' as const, code: d.code, name: d.name, areaCode: d.areaCode }))
      .sort(byName),
  };
}

export const getGeographies = (signal?: AbortSignal) => getJson<GeographiesResponse>('/api/geographies', {}, signal);

export const geographiesQueryOptions = () =>
  queryOptions({ queryKey: ['geographies', {}], queryFn: ({ signal }) => getGeographies(signal), staleTime: 5 * 60_000 });

/** The county, areas and districts, sorted by name for the pickers. */
export const useGeographies = () => useQuery({ ...geographiesQueryOptions(), select: geographiesForPickers });
