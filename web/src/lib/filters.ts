// The filters of every page live in the address (month, area or district, from, to), so back/forward,
// reload and a pasted link all reproduce the view. Components read and change them only through here.
import { useCallback, useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import type { GeographyType } from '../api/types';
import { isMonth } from './format';

export type GeographyParams = { area?: string; district?: string };

export interface Geography {
  type: GeographyType;
  /** Undefined for the county. */
  code?: string;
}

export interface Filters {
  /** The month asked for in the address; undefined means the latest month. */
  month?: string;
  geography: Geography;
  from?: string;
  to?: string;
}

export function readFilters(params: URLSearchParams): Filters {
  const month = params.get('month') ?? undefined;
  const from = params.get('from') ?? undefined;
  const to = params.get('to') ?? undefined;
  const district = params.get('district');
  const area = params.get('area');
  const geography: Geography = district
    ? { type: 'district', code: district }
    : area
      ? { type: 'area', code: area }
      : { type: 'county' };
  return { month, geography, from, to };
}

/** The geography as API query parameters: {}, { area } or { district }. */
export function geographyParams(geography: Geography): GeographyParams {
  if (geography.type === 'area' && geography.code) return { area: geography.code };
  if (geography.type === 'district' && geography.code) return { district: geography.code };
  return {};
}

/** Query string for a link to another page carrying the given filters. */
export function filterSearch(filters: Partial<Filters>): string {
  const search = new URLSearchParams();
  if (filters.month) search.set('month', filters.month);
  if (filters.from) search.set('from', filters.from);
  if (filters.to) search.set('to', filters.to);
  const geo = filters.geography ? geographyParams(filters.geography) : {};
  if (geo.area) search.set('area', geo.area);
  if (geo.district) search.set('district', geo.district);
  const text = search.toString();
  return text ? `?${text}` : '';
}

export function useFilters() {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => readFilters(params), [params]);

  const update = useCallback(
    (change: Partial<Filters>) => {
      setParams((current) => {
        const next = new URLSearchParams(current);
        const set = (key: string, value: string | undefined) => (value ? next.set(key, value) : next.delete(key));
        if ('month' in change) set('month', change.month);
        if ('from' in change) set('from', change.from);
        if ('to' in change) set('to', change.to);
        if (change.geography) {
          next.delete('area');
          next.delete('district');
          const geo = geographyParams(change.geography);
          if (geo.area) next.set('area', geo.area);
          if (geo.district) next.set('district', geo.district);
        }
        return next;
      });
    },
    [setParams],
  );

  return { filters, update };
}

/** The month to show: the address's month if well formed, else the latest month with data. */
export function resolveMonth(month: string | undefined, latest: string | undefined): string | undefined {
  if (month && isMonth(month)) return month;
  if (month) return month; // Malformed: let the API say what is wrong.
  return latest;
}
