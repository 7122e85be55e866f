// GET /api/datasets: each dataset's rows, coverage, as-at date and last import (read by the Data page and by
// the scorecard's line saying how current the figures are).
import { queryOptions, useQuery } from '@tanstack/react-query';
import { getJson } from '../lib/api-client';
import type { DatasetInfo, DatasetsResponse } from './types';

export const getDatasets = (signal?: AbortSignal) => getJson<DatasetsResponse>('/api/datasets', {}, signal);

export const datasetsQueryOptions = () =>
  queryOptions({ queryKey: ['datasets', {}], queryFn: ({ signal }) => getDatasets(signal), staleTime: 60_000 });

export const useDatasets = () => useQuery(datasetsQueryOptions());

/** Readable names of the datasets (datasets.md); a dataset the app does not know keeps its own name. */
const DATASET_LABELS: Record<string, string> = {
  districts: 'Districts and areas',
  lsoas: 'Lower super output areas',
  lsoa_populations: 'LSOA populations (under 5)',
  childrens_centres: "Children's centres",
  targets: 'Targets and floors',
  caseload_targets: 'Caseload targets',
  comparators: 'Comparator figures',
  authority: 'Home authority',
  activity_ranges: 'Activity ranges',
  benchmark_measures: 'Benchmark measures',
  benchmark_values: 'Benchmark values',
  statistical_neighbours: 'Statistical neighbours',
  early_help_cases: 'Early help cases',
  scs_referrals: "Specialist Children's Services referrals",
  scs_cases: "Specialist Children's Services cases",
  cc_registrations: "Children's centre registrations",
  cc_attendances: "Children's centre attendances",
  cc_inspections: "Children's centre inspections",
  ff2_places: 'Free early education places for two-year-olds',
  youth_contacts: 'Youth service contacts',
  yj_outcomes: 'Youth justice outcomes',
  yj_closures: 'Youth justice closures',
  neet_activity: 'Activity of 16 to 18 year olds (NEET)',
  tf_claims: 'Troubled Families claims',
  pupil_absence: 'Pupil absence',
  exclusions: 'School exclusions',
};

export function datasetLabel(name: string): string {
  return DATASET_LABELS[name] ?? name.replace(/_/g, ' ').replace(/^./, (c) => c.toUpperCase());
}

/** The latest and earliest as-at dates among the datasets that have one (YYYY-MM-DD sorts as text). */
export function asAtRange(datasets: DatasetInfo[]): { earliest: string; latest: string } | null {
  const dates = datasets.map((d) => d.asAt).filter((d): d is string => d != null).sort();
  return dates.length ? { earliest: dates[0]!, latest: dates[dates.length - 1]! } : null;
}
