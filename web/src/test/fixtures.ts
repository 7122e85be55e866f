// Hand-written API answers for the page tests. Small enough to check with a pencil:
// - months: July 2014 to July 2015; the latest complete month is June 2015 (the NEET extract was taken on
//   30 June 2015, the others on 31 July 2015), so the app opens on June 2015 and July 2015 is "incomplete";
// - datasets: two record datasets taken at different dates, one reference dataset and one never loaded;
// - five indicators in two themes, one per status;
// - three districts in two areas (caseloads from the plan's June 2015 chart):
//     THA Thanet (EAST) 745 / baseline 821 / target 722  -> 23 over target
//     SWA Swale  (EAST) 595 / 643 / 527                  -> 68 over
//     MAI Maidstone (WEST) 416 / 516 / 348               -> 68 over
//     EAST = 1,340 / 1,464 / 1,249; WEST = 416 / 516 / 348; Kent = 1,756 / 1,980 / 1,597 (159 over).
import { http, HttpResponse } from 'msw';
import { addMonths, monthRange } from '../lib/format';
import type {
  BenchmarkResponse, CaseloadsResponse, DatasetInfo, IndicatorInfo, MonthsResponse, ScorecardIndicator, ScorecardResponse, SeriesPoint,
} from '../api/types';

export const MONTHS: MonthsResponse = { first: '2014-07', latest: '2015-07', latestComplete: '2015-06' };

/** Import times in UTC: 3 Aug 2015 13:05 UTC is 14:05 in London (summer time); 12 Jan 2015 09:30 UTC is 09:30. */
export const DATASETS: DatasetInfo[] = [
  { name: 'early_help_cases', rows: 12480, coveredFrom: '2014-04', asAt: '2015-07-31', lastImportedAt: '2015-08-03T13:05:00Z', lastImportedBy: 'cli:jane' },
  { name: 'neet_activity', rows: 3210, coveredFrom: '2014-09', asAt: '2015-06-30', lastImportedAt: '2015-08-03T13:05:00Z', lastImportedBy: 'm.smith' },
  { name: 'districts', rows: 3, coveredFrom: null, asAt: null, lastImportedAt: '2015-01-12T09:30:00Z', lastImportedBy: 'cli:jane' },
  { name: 'exclusions', rows: 0, coveredFrom: null, asAt: null, lastImportedAt: null, lastImportedBy: null },
];

export const INDICATORS: IndicatorInfo[] = [
  {
    code: 'eh_stepped_up_to_scs_pct', title: "Percentage of Early Help cases stepped up to Specialist Children's Services",
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'financial', theme: 'Early help casework',
    definition: 'Of the early help cases closed in the twelve months to the end of the month, the share stepped up to SCS.',
    source: 'early_help_cases', numerator: 'Cases closed in the window with reason "stepped up to SCS"', denominator: 'Cases closed in the window',
  },
  {
    code: 'eh_plans_within_4_weeks_pct', title: 'Percentage of plans in place within 4 weeks of notification',
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Early help casework',
    definition: 'Of the plans put in place, the share within 28 days.', source: 'early_help_cases',
    numerator: 'Plans made within 28 days', denominator: 'Plans made in the window',
  },
  {
    code: 'scs_stepped_down_to_eh_pct', title: "Percentage of Specialist Children's Services cases stepped down to Early Help",
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Social care interface',
    definition: 'Of the SCS cases closed, the share stepped down.', source: 'scs_cases',
    numerator: 'SCS cases stepped down', denominator: 'SCS cases closed',
  },
  {
    code: 'yj_first_time_entrants', title: 'Number of first time entrants to the youth justice system',
    unit: 'count', polarity: 'lower_is_better', yearBasis: 'financial', theme: 'Youth justice',
    definition: 'Young people aged 10–17 receiving their first substantive outcome.', source: 'yj_outcomes',
    numerator: 'First substantive outcomes in the window', denominator: null,
  },
  {
    code: 'excl_fixed_primary', title: 'Number of fixed term exclusions (primary)',
    unit: 'count', polarity: 'lower_is_better', yearBasis: 'academic', theme: 'Attendance and exclusions',
    definition: 'Fixed term exclusions from primary schools.', source: 'exclusions',
    numerator: 'Fixed term exclusions starting in the window', denominator: null,
  },
  // In the catalogue, not on the fixture scorecard: the indicator page's benchmarks and reconciliation.
  {
    code: 'pa_primary_10pct', title: 'Percentage of pupils who are persistently absent from primary schools - all pupils (10% threshold)',
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'academic', theme: 'Attendance and exclusions',
    definition: 'Primary pupils missing 10% or more of their possible sessions.', source: 'pupil_absence',
    numerator: 'Primary pupils absent for 10% or more', denominator: 'Primary pupils with possible sessions',
  },
];

const row = (code: string, fields: Partial<ScorecardIndicator>): ScorecardIndicator => {
  const info = INDICATORS.find((i) => i.code === code)!;
  return {
    code, title: info.title, unit: info.unit, polarity: info.polarity, value: null, numerator: null, denominator: null,
    target: null, floor: null, floorAssumed: false, targetYear: 2016, status: 'no_data', direction: null,
    previousYearValue: null, comparators: [], coverage: 'full', ...fields,
  };
};

/** Kent, June 2015: 1 green, 1 amber, 1 red, 1 without target, 1 without data (exclusions: outside coverage). */
export const SCORECARD_INDICATORS: ScorecardIndicator[] = [
  row('eh_stepped_up_to_scs_pct', {
    value: 9.4, numerator: 47, denominator: 500, target: 6, floor: 8.5, floorAssumed: true, status: 'red',
    direction: 'improving', previousYearValue: 10.25,
  }),
  row('eh_plans_within_4_weeks_pct', { value: 59, numerator: 295, denominator: 500, targetYear: null, status: 'no_target', previousYearValue: 61.04 }),
  row('scs_stepped_down_to_eh_pct', {
    value: 21.46, numerator: 322, denominator: 1500, target: 22, floor: 20, floorAssumed: false, status: 'amber', direction: 'stable',
    comparators: [{ comparator: 'England', value: 18.3, period: '2014-03' }],
  }),
  row('yj_first_time_entrants', {
    value: 1669, numerator: 1669, target: 1700, floor: 1800, floorAssumed: true, status: 'green', direction: 'worsening', previousYearValue: 1702,
    // Published as a rate per 100,000 (the KPI is a count): Kent 60th of 151, band B (⌈151/4⌉ = 38 < 60 ≤ ⌈151/2⌉ = 76).
    benchmark: {
      measureCode: 'FirstYJS', period: '2014', periodEnd: '2014-12-31', value: 245.3, england: 279.4, region: 260.1,
      neighbours: { mean: 250.12, count: 10 }, rank: 60, of: 151, band: 'B', unit: 'Rate per 100,000 of 10-17 population', comparable: 'rate',
    },
  }),
  row('excl_fixed_primary', { target: 500, floor: 550, targetYear: 2015, status: 'no_data', coverage: 'none' }),
];

export const GEOGRAPHY_NAMES: Record<string, string> = {
  KENT: 'Kent', EAST: 'East Kent', WEST: 'West Kent', THA: 'Thanet', SWA: 'Swale', MAI: 'Maidstone',
};

export function scorecard(month: string, geography: { type: 'county' | 'area' | 'district'; code: string }): ScorecardResponse {
  // Benchmarks are the authority's: null on area and district rows, as the API gives them.
  const indicators = geography.type === 'county' ? SCORECARD_INDICATORS : SCORECARD_INDICATORS.map((i) => ({ ...i, benchmark: null }));
  return { month, geography: { ...geography, name: GEOGRAPHY_NAMES[geography.code] ?? geography.code }, indicators };
}

const neighbour = (laNumber: number, name: string, closeness: number, value: number | null, rank: number | null) =>
  ({ laNumber, name, closeness, value, symbol: value == null ? '-' : null, rank });

/**
 * Persistent absence, primary: two academic years. 2014: Kent 9.11 (98th of 151, C), England 8.67, South East
 * 8.06; product 9.20 from records (+0.09). 2015: Kent 8.5 (40th of 150, B); the neighbour Medway published '-'.
 */
export const BENCHMARKS: Record<string, BenchmarkResponse> = {
  pa_primary_10pct: {
    code: 'pa_primary_10pct', measureCode: 'SFPriPerAbNew',
    measure: {
      measureCode: 'SFPriPerAbNew', title: 'State-funded primary persistent absence', polarity: 'Low', unit: '% of persistent absence',
      yearType: 'Academic Year', description: '', source: 'DfE', methodology: 'https://example.org/absence',
    },
    related: ['TotPerAbNew'], comparable: 'yes', note: 'The same measure for a whole academic year.',
    authority: { laNumber: 886, name: 'Kent', region: 'South East' },
    attribution: 'Contains public sector information licensed under the Open Government Licence v3.0 (Department for Education, Local Authority Interactive Tool).',
    // Filled in by the handler from ?month= (June 2015 reads 2014; August 2015 reads 2015).
    periodForMonth: null,
    periods: [
      {
        period: '2014', periodEnd: '2014-08-31', value: 9.11, symbol: null, england: 8.67, region: 8.06,
        neighbours: { mean: 8.31, count: 2 }, rank: 98, of: 151, band: 'C',
        values: [neighbour(881, 'Essex', 1, 8.2, 80), neighbour(852, 'Medway', 2, 8.42, 90)],
        product: { month: '2014-08', value: 9.2, difference: 0.09 },
      },
      {
        period: '2015', periodEnd: '2015-08-31', value: 8.5, symbol: null, england: 8.7, region: 8.1,
        neighbours: { mean: 8.9, count: 1 }, rank: 40, of: 150, band: 'B',
        values: [neighbour(881, 'Essex', 1, 8.9, 70), neighbour(852, 'Medway', 2, null, null)],
        product: { month: '2015-08', value: null, difference: null },
      },
    ],
  },
};

const JUNE: CaseloadsResponse = {
  month: '2015-06',
  districts: [
    { code: 'THA', name: 'Thanet', areaCode: 'EAST', current: 745, baseline: 821, target: 722 },
    { code: 'SWA', name: 'Swale', areaCode: 'EAST', current: 595, baseline: 643, target: 527 },
    { code: 'MAI', name: 'Maidstone', areaCode: 'WEST', current: 416, baseline: 516, target: 348 },
  ],
  areas: [
    { code: 'EAST', name: 'East Kent', current: 1340, baseline: 1464, target: 1249 },
    { code: 'WEST', name: 'West Kent', current: 416, baseline: 516, target: 348 },
  ],
  county: { code: 'KENT', name: 'Kent', current: 1756, baseline: 1980, target: 1597 },
};

/** Caseloads: June 2015 as the plan; each earlier month 10 more per district and no targets yet. */
export function caseloads(month: string): CaseloadsResponse {
  if (month >= '2015-06') return { ...JUNE, month };
  const k = monthRange(month, '2015-06').length - 1;
  const shift = <T extends { current: number | null }>(r: T, n: number): T => ({ ...r, current: r.current! + 10 * k * n, baseline: null, target: null });
  return {
    month,
    districts: JUNE.districts.map((d) => shift(d, 1)),
    areas: JUNE.areas.map((a) => shift(a, a.code === 'EAST' ? 2 : 1)),
    county: shift(JUNE.county, 3),
  };
}

/**
 * Series: for one geography, value 10 + i (i = months since July 2014), target 8 up to March 2015 and 7 after,
 * floor 12 then 11; status red above the floor, amber between, green at or below the target.
 * Coverage: July and August 2014 are partial windows (value kept, status no_data); July 2015 is outside coverage
 * (no value, status no_data).
 * With by=district: Thanet 9.0 (green), Swale 11.5 (amber), Maidstone 14.2 (red) in every month.
 */
export function seriesPoints(from: string, to: string, geographyCode: string): SeriesPoint[] {
  return monthRange(from, to).map((month) => {
    const i = monthRange('2014-07', month).length - 1;
    const target = month <= '2015-03' ? 8 : 7;
    const floor = month <= '2015-03' ? 12 : 11;
    const value = 10 + i;
    if (month > MONTHS.latestComplete!) {
      return { month, geographyCode, value: null, numerator: null, denominator: null, target, floor, status: 'no_data', coverage: 'none' };
    }
    if (month < '2014-09') {
      return { month, geographyCode, value, numerator: value, denominator: 100, target, floor, status: 'no_data', coverage: 'partial' };
    }
    return {
      month, geographyCode, value, numerator: value, denominator: 100, target, floor,
      status: value <= target ? 'green' : value <= floor ? 'amber' : 'red', coverage: 'full',
    };
  });
}

export const BY_DISTRICT: Omit<SeriesPoint, 'month'>[] = [
  { geographyCode: 'THA', value: 9, numerator: 45, denominator: 500, target: 10, floor: 12, status: 'green', coverage: 'full' },
  { geographyCode: 'SWA', value: 11.5, numerator: 46, denominator: 400, target: 10, floor: 12, status: 'amber', coverage: 'full' },
  { geographyCode: 'MAI', value: 14.2, numerator: 71, denominator: 500, target: 10, floor: 12, status: 'red', coverage: 'full' },
];

export const BY_AREA: Omit<SeriesPoint, 'month'>[] = [
  { geographyCode: 'EAST', value: 10.11, numerator: 91, denominator: 900, target: 10, floor: 12, status: 'amber', coverage: 'full' },
  { geographyCode: 'WEST', value: 14.2, numerator: 71, denominator: 500, target: 10, floor: 12, status: 'red', coverage: 'full' },
];

const geographyOf = (params: URLSearchParams) => {
  const district = params.get('district');
  const area = params.get('area');
  return district ? { type: 'district' as const, code: district } : area ? { type: 'area' as const, code: area } : { type: 'county' as const, code: 'KENT' };
};

export const handlers = [
  http.get('/api/months', () => HttpResponse.json(MONTHS)),
  http.get('/api/datasets', () => HttpResponse.json({ datasets: DATASETS })),
  http.get('/api/indicators', () => HttpResponse.json({ indicators: INDICATORS })),
  http.get('/api/scorecard', ({ request }) => {
    const params = new URL(request.url).searchParams;
    return HttpResponse.json(scorecard(params.get('month')!, geographyOf(params)));
  }),
  http.get('/api/benchmarks/:code', ({ params, request }) => {
    const found = BENCHMARKS[String(params.code)];
    const month = new URL(request.url).searchParams.get('month');
    // Every fixture period ends on 31 August: a month reads the latest period whose August is not after it.
    const periodForMonth = month ? [...(found?.periods ?? [])].reverse().find((p) => p.periodEnd.slice(0, 7) <= month)?.period ?? null : null;
    return found
      ? HttpResponse.json({ ...found, periodForMonth })
      : HttpResponse.json({ error: 'not_found', message: `indicator '${String(params.code)}' has no benchmark measure` }, { status: 404 });
  }),
  http.get('/api/caseloads', ({ request }) => HttpResponse.json(caseloads(new URL(request.url).searchParams.get('month')!))),
  http.get('/api/indicators/:code/series', ({ request, params }) => {
    const search = new URL(request.url).searchParams;
    const from = search.get('from') ?? MONTHS.first;
    const to = search.get('to') ?? MONTHS.latest;
    const by = search.get('by');
    if (!INDICATORS.some((i) => i.code === params.code) && params.code !== 'caseload_open') {
      return HttpResponse.json({ error: 'not_found', message: `There is no indicator "${String(params.code)}".` }, { status: 404 });
    }
    if (by) {
      const rows = by === 'area' ? BY_AREA : BY_DISTRICT;
      return HttpResponse.json({ code: params.code, points: monthRange(from, to).flatMap((month) => rows.map((r) => ({ ...r, month }))) });
    }
    return HttpResponse.json({ code: params.code, points: seriesPoints(from, to, geographyOf(search).code) });
  }),
];

export { addMonths };
