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
//
// Every answer is typed with the API's contract (../api/types, from api/src/schemas), and so is every handler
// (`apiGet`): a change to the contract that the fixtures or the page tests do not follow fails the typecheck.
import { http, HttpResponse, type DefaultBodyType, type HttpResponseResolver, type PathParams } from 'msw';
import { addMonths, monthRange } from '../lib/format';
import { accessHandlers } from './access-fixtures';
import type {
  BenchmarkResponse, CaseloadsResponse, DatasetInfo, DatasetsResponse, ErrorResponse, GeographiesResponse, GeographyType, IndicatorInfo,
  IndicatorsResponse, Me, MonthsResponse, PublicationsResponse, RevisionsResponse, ScorecardIndicator, ScorecardResponse, SeriesPoint,
  SeriesResponse, SparklinePoint, TargetEntry, TargetsResponse,
} from '../api/types';
import type { ActivityPoint, ActivityResponse, ActivitySeriesResponse } from '../api/activity';
import type { CommentaryHistoryResponse, CommentaryResponse } from '../features/commentary/api/commentary';
import type { DraftHeadlinesResponse, DueDateResponse, OwnersResponse, SummaryHistoryResponse, SummaryResponse } from '../api/types';

/** What each route the web app reads answers with (besides the error envelope). */
export interface ApiAnswers {
  '/api/me': Me;
  '/api/months': MonthsResponse;
  '/api/datasets': DatasetsResponse;
  '/api/indicators': IndicatorsResponse;
  '/api/geographies': GeographiesResponse;
  '/api/scorecard': ScorecardResponse;
  '/api/caseloads': CaseloadsResponse;
  '/api/indicators/:code/series': SeriesResponse;
  '/api/activity': ActivityResponse;
  '/api/benchmarks/:code': BenchmarkResponse & { periodForMonth: string | null };
  '/api/activity/:code/series': ActivitySeriesResponse;
  '/api/targets': TargetsResponse;
  '/api/commentary': CommentaryResponse;
  '/api/commentary/:month/:geographyCode/:indicatorCode/history': CommentaryHistoryResponse;
  '/api/publications': PublicationsResponse;
  '/api/publications/:month/revisions': RevisionsResponse;
  // The monthly report (Month close page).
  '/api/summary/:month': SummaryResponse;
  '/api/summary/:month/history': SummaryHistoryResponse;
  '/api/summary/:month/draft-headlines': DraftHeadlinesResponse;
  '/api/commentary/owners': OwnersResponse;
  '/api/commentary/:month/due-date': DueDateResponse;
}

/** An MSW handler for a GET route whose answers must be the contract's shape for it, or the error envelope. */
export const apiGet = <Path extends keyof ApiAnswers>(
  path: Path,
  resolver: HttpResponseResolver<PathParams, DefaultBodyType, ApiAnswers[Path] | ErrorResponse>,
) => http.get(path, resolver);

// `satisfies`, not a type annotation: the months are known here, and handlers use them as strings.
export const MONTHS = { first: '2014-07', latest: '2015-07', latestComplete: '2015-06' } satisfies MonthsResponse;

/** Import times in UTC: 3 Aug 2015 13:05 UTC is 14:05 in London (summer time); 12 Jan 2015 09:30 UTC is 09:30. */
export const DATASETS: DatasetInfo[] = [
  { name: 'early_help_cases', kind: 'record', rows: 12480, coveredFrom: '2014-04', coveredTo: '2015-07', asAt: '2015-07-31', lastImportedAt: '2015-08-03T13:05:00Z', lastImportedBy: 'cli:jane' },
  { name: 'neet_activity', kind: 'record', rows: 3210, coveredFrom: '2014-09', coveredTo: '2015-06', asAt: '2015-06-30', lastImportedAt: '2015-08-03T13:05:00Z', lastImportedBy: 'm.smith' },
  { name: 'districts', kind: 'reference', rows: 3, coveredFrom: null, coveredTo: null, asAt: null, lastImportedAt: '2015-01-12T09:30:00Z', lastImportedBy: 'cli:jane' },
  { name: 'exclusions', kind: 'record', rows: 0, coveredFrom: null, coveredTo: null, asAt: null, lastImportedAt: null, lastImportedBy: null },
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
  const target = fields.target ?? null;
  return {
    code, title: info.title, unit: info.unit, polarity: info.polarity, theme: info.theme, value: null, numerator: null,
    denominator: null, target, floor: null, floorAssumed: target === null ? null : false, targetYear: 2016,
    targetGeographyCode: target === null ? null : 'KENT', targetCarriedForward: false, targetFromYear: null,
    status: 'no_data', coverage: 'full', direction: null, previousYearValue: null, comparators: [], sparkline: [],
    benchmark: null, ...fields,
  };
};

/** Kent, June 2015: 1 green, 1 amber, 1 red, 1 without target, 1 without data (exclusions: outside coverage). */
export const SCORECARD_INDICATORS: ScorecardIndicator[] = [
  row('eh_stepped_up_to_scs_pct', {
    value: 9.4, numerator: 47, denominator: 500, target: 6, floor: 8.5, floorAssumed: true, status: 'red',
    direction: 'improving', previousYearValue: 10.25,
  }),
  row('eh_plans_within_4_weeks_pct', { value: 59, numerator: 295, denominator: 500, status: 'no_target', previousYearValue: 61.04 }),
  row('scs_stepped_down_to_eh_pct', {
    value: 21.46, numerator: 322, denominator: 1500, target: 22, floor: 20, floorAssumed: false, status: 'amber', direction: 'stable',
    comparators: [{ comparator: 'England', value: 18.3, period: '2014-03', note: null }],
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

const named = (geography: { type: GeographyType; code: string }) =>
  ({ ...geography, name: GEOGRAPHY_NAMES[geography.code] ?? geography.code });

/** A row's sparkline: the 24 months up to `month` from the series below (before the data: no value, outside coverage). */
export function sparkline(month: string, geographyCode: string): SparklinePoint[] {
  return monthRange(addMonths(month, -23), month).map((m) => {
    if (MONTHS.first === null || m < MONTHS.first) return { month: m, value: null, coverage: 'none', target: null };
    const point = seriesPoints(m, m, geographyCode)[0]!;
    return { month: m, value: point.value, coverage: point.coverage, target: point.target };
  });
}

export function scorecard(month: string, geography: { type: GeographyType; code: string }): ScorecardResponse {
  // Benchmarks are the authority's: null on area and district rows, as the API gives them.
  const indicators = SCORECARD_INDICATORS.map((i) => ({
    ...i, sparkline: sparkline(month, geography.code), benchmark: geography.type === 'county' ? i.benchmark : null,
  }));
  return { month, geography: named(geography), indicators, context: [] };
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

/** The county, the two areas and their three districts, as /api/geographies names them. */
export const GEOGRAPHIES: GeographiesResponse = {
  county: { code: 'KENT', name: 'Kent' },
  areas: [
    { code: 'EAST', name: 'East Kent', districtCodes: ['THA', 'SWA'] },
    { code: 'WEST', name: 'West Kent', districtCodes: ['MAI'] },
  ],
  districts: [
    { code: 'THA', name: 'Thanet', areaCode: 'EAST' },
    { code: 'SWA', name: 'Swale', areaCode: 'EAST' },
    { code: 'MAI', name: 'Maidstone', areaCode: 'WEST' },
  ],
};

const JUNE: CaseloadsResponse = {
  month: '2015-06',
  districts: [
    { code: 'THA', name: 'Thanet', areaCode: 'EAST', current: 745, baseline: 821, target: 722, coverage: 'full' },
    { code: 'SWA', name: 'Swale', areaCode: 'EAST', current: 595, baseline: 643, target: 527, coverage: 'full' },
    { code: 'MAI', name: 'Maidstone', areaCode: 'WEST', current: 416, baseline: 516, target: 348, coverage: 'full' },
  ],
  areas: [
    { code: 'EAST', name: 'East Kent', areaCode: 'EAST', current: 1340, baseline: 1464, target: 1249, coverage: 'full' },
    { code: 'WEST', name: 'West Kent', areaCode: 'WEST', current: 416, baseline: 516, target: 348, coverage: 'full' },
  ],
  county: { code: 'KENT', name: 'Kent', areaCode: null, current: 1756, baseline: 1980, target: 1597, coverage: 'full' },
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
 * Every floor is a published one (floorAssumed false); the target year is the financial year of the month.
 */
export function seriesPoints(from: string, to: string, geographyCode: string): SeriesPoint[] {
  return monthRange(from, to).map((month): SeriesPoint => {
    const i = monthRange('2014-07', month).length - 1;
    const target = month <= '2015-03' ? 8 : 7;
    const floor = month <= '2015-03' ? 12 : 11;
    const value = 10 + i;
    const targets = { target, floor, floorAssumed: false, targetYear: financialYear(month), targetCarriedForward: false, targetFromYear: null };
    if (month > MONTHS.latestComplete) {
      return { month, geographyCode, value: null, numerator: null, denominator: null, ...targets, status: 'no_data', coverage: 'none' };
    }
    if (month < '2014-09') {
      return { month, geographyCode, value, numerator: value, denominator: 100, ...targets, status: 'no_data', coverage: 'partial' };
    }
    return {
      month, geographyCode, value, numerator: value, denominator: 100, ...targets,
      status: value <= target ? 'green' : value <= floor ? 'amber' : 'red', coverage: 'full',
    };
  });
}

/** The financial year containing a month, labelled by the year it ends in (April 2015 is in 2016). */
function financialYear(month: string): number {
  const year = Number(month.slice(0, 4));
  return month.slice(5) >= '04' ? year + 1 : year;
}

/** A district's (or area's) point, the same in every month but for the month and its target year. */
type BreakdownPoint = Omit<SeriesPoint, 'month' | 'targetYear' | 'targetCarriedForward' | 'targetFromYear'>;

export const BY_DISTRICT: BreakdownPoint[] = [
  { geographyCode: 'THA', value: 9, numerator: 45, denominator: 500, target: 10, floor: 12, floorAssumed: false, status: 'green', coverage: 'full' },
  { geographyCode: 'SWA', value: 11.5, numerator: 46, denominator: 400, target: 10, floor: 12, floorAssumed: false, status: 'amber', coverage: 'full' },
  { geographyCode: 'MAI', value: 14.2, numerator: 71, denominator: 500, target: 10, floor: 12, floorAssumed: false, status: 'red', coverage: 'full' },
];

export const BY_AREA: BreakdownPoint[] = [
  { geographyCode: 'EAST', value: 10.11, numerator: 91, denominator: 900, target: 10, floor: 12, floorAssumed: false, status: 'amber', coverage: 'full' },
  { geographyCode: 'WEST', value: 14.2, numerator: 71, denominator: 500, target: 10, floor: 12, floorAssumed: false, status: 'red', coverage: 'full' },
];

/**
 * Activity (three of the nine measures): notifications higher than expected (XmR), SCS referrals within a
 * fixed range, exclusions without enough months to judge.
 */
export function activity(month: string, geography: { type: GeographyType; code: string }): ActivityResponse {
  return {
    month,
    geography: named(geography),
    items: [
      { code: 'act_eh_notifications', title: 'Early help notifications', value: 1250, mean: 1010.5, lower: 820.25, upper: 1200.75, fixedRange: false, signal: 'special_cause_high' },
      { code: 'act_scs_referrals', title: "Referrals to Specialist Children's Services", value: 380, mean: null, lower: 300, upper: 420, fixedRange: true, signal: 'common_cause' },
      { code: 'act_exclusions', title: 'Exclusions', value: 42, mean: null, lower: null, upper: null, fixedRange: false, signal: null },
    ],
  };
}

/**
 * An activity series: 100 each month, limits 80 to 120 about a mean of 100, except June 2015 (130, higher than
 * expected) and March 2015 (70, lower); July 2015 is outside coverage (no value, no signal).
 */
export function activitySeries(code: string, from: string, to: string, geography: { type: GeographyType; code: string }): ActivitySeriesResponse {
  const points = monthRange(from, to).map((month): ActivityPoint => {
    if (month > MONTHS.latestComplete!) return { month, value: null, mean: 100, lower: 80, upper: 120, fixedRange: false, signal: null };
    const value = month === '2015-06' ? 130 : month === '2015-03' ? 70 : 100;
    return {
      month, value, mean: 100, lower: 80, upper: 120, fixedRange: false,
      signal: value > 120 ? 'special_cause_high' : value < 80 ? 'special_cause_low' : 'common_cause',
    };
  });
  const item = activity(to, geography).items.find((i) => i.code === code);
  return {
    code, title: item?.title ?? code, definition: 'Early help cases notified in the month.',
    geography: named(geography), points,
  };
}

const geographyOf = (params: URLSearchParams): { type: GeographyType; code: string } => {
  const district = params.get('district');
  const area = params.get('area');
  return district ? { type: 'district' as const, code: district } : area ? { type: 'area' as const, code: area } : { type: 'county' as const, code: 'KENT' };
};

/** The signed-in user of the page tests. */
export const ME: Me = { email: 'ana.lyst@kent.example', name: 'Ana Lyst', role: 'analyst', scope: null, csrfToken: 'csrf-test-token' };

/**
 * Targets (the latest month, July 2015, is in financial year 2016): plans within 4 weeks has Kent's 2014–15
 * target of 80 % (floor 75 %, assumed) carried forward to 2015–16; first time entrants has Thanet's 2015–16
 * target of 110 without a floor.
 */
export const TARGETS: TargetEntry[] = [
  {
    indicatorCode: 'eh_plans_within_4_weeks_pct', year: 2015, geographyCode: 'KENT', target: 80, floor: 75, floorAssumed: true,
    carriedForward: false, fromYear: 2015, fromGeographyCode: 'KENT',
  },
  {
    indicatorCode: 'eh_plans_within_4_weeks_pct', year: 2016, geographyCode: 'KENT', target: 80, floor: 75, floorAssumed: true,
    carriedForward: true, fromYear: 2015, fromGeographyCode: 'KENT',
  },
  {
    indicatorCode: 'yj_first_time_entrants', year: 2016, geographyCode: 'THA', target: 110, floor: null, floorAssumed: false,
    carriedForward: false, fromYear: 2016, fromGeographyCode: 'THA',
  },
];

export function targetsAnswer(indicator: string | null): TargetsResponse {
  const targets = TARGETS.filter((t) => indicator === null || t.indicatorCode === indicator);
  return {
    latestMonth: MONTHS.latest,
    targets,
    carriedForward: targets.some((t) => t.carriedForward)
      ? [{ indicatorCode: 'eh_plans_within_4_weeks_pct', geographyCode: 'KENT', fromYear: 2015, fromGeographyCode: 'KENT', years: [2016] }]
      : [],
  };
}

export const handlers = [
  apiGet('/api/targets', ({ request }) => HttpResponse.json(targetsAnswer(new URL(request.url).searchParams.get('indicator')))),
  apiGet('/api/me', () => HttpResponse.json(ME)),
  ...accessHandlers,
  apiGet('/api/months', () => HttpResponse.json(MONTHS)),
  apiGet('/api/datasets', () => HttpResponse.json({ datasets: DATASETS })),
  apiGet('/api/indicators', () => HttpResponse.json({ indicators: INDICATORS, contextMeasures: [], activityMeasures: [] })),
  apiGet('/api/geographies', () => HttpResponse.json(GEOGRAPHIES)),
  // No month is published unless a test says so.
  apiGet('/api/publications', () => HttpResponse.json({ publications: [] })),
  apiGet('/api/scorecard', ({ request }) => {
    const params = new URL(request.url).searchParams;
    return HttpResponse.json(scorecard(params.get('month')!, geographyOf(params)));
  }),
  apiGet('/api/benchmarks/:code', ({ params, request }) => {
    const found = BENCHMARKS[String(params.code)];
    const month = new URL(request.url).searchParams.get('month');
    // Every fixture period ends on 31 August: a month reads the latest period whose August is not after it.
    const periodForMonth = month ? [...(found?.periods ?? [])].reverse().find((p) => p.periodEnd.slice(0, 7) <= month)?.period ?? null : null;
    return found
      ? HttpResponse.json({ ...found, periodForMonth })
      : HttpResponse.json({ error: 'not_found', message: `indicator '${String(params.code)}' has no benchmark measure` }, { status: 404 });
  }),
  apiGet('/api/activity', ({ request }) => {
    const params = new URL(request.url).searchParams;
    return HttpResponse.json(activity(params.get('month')!, geographyOf(params)));
  }),
  apiGet('/api/activity/:code/series', ({ request, params }) => {
    const search = new URL(request.url).searchParams;
    if (!String(params.code).startsWith('act_') && params.code !== 'caseload_open') {
      return HttpResponse.json({ error: 'not_found', message: `unknown activity indicator '${String(params.code)}'` }, { status: 404 });
    }
    return HttpResponse.json(activitySeries(String(params.code), search.get('from')!, search.get('to')!, geographyOf(search)));
  }),
  // No commentary written unless a test says otherwise.
  apiGet('/api/commentary', ({ request }) => HttpResponse.json({ month: new URL(request.url).searchParams.get('month')!, items: [] })),
  apiGet('/api/commentary/:month/:geographyCode/:indicatorCode/history', () => HttpResponse.json({ entries: [] })),
  apiGet('/api/caseloads', ({ request }) => HttpResponse.json(caseloads(new URL(request.url).searchParams.get('month')!))),
  apiGet('/api/indicators/:code/series', ({ request, params }) => {
    const code = String(params.code);
    const search = new URL(request.url).searchParams;
    const from = search.get('from') ?? MONTHS.first;
    const to = search.get('to') ?? MONTHS.latest;
    const by = search.get('by') === 'area' ? 'area' : search.get('by') === 'district' ? 'district' : null;
    if (!INDICATORS.some((i) => i.code === code) && code !== 'caseload_open') {
      return HttpResponse.json({ error: 'not_found', message: `There is no indicator "${code}".` }, { status: 404 });
    }
    const geography = named(geographyOf(search));
    if (by) {
      const rows = by === 'area' ? BY_AREA : BY_DISTRICT;
      const points = monthRange(from, to).flatMap((month) => rows.map((r) => ({ ...r, month, targetYear: financialYear(month), targetCarriedForward: false, targetFromYear: null })));
      return HttpResponse.json({ code, geography, by, points });
    }
    return HttpResponse.json({ code, geography, by, points: seriesPoints(from, to, geography.code) });
  }),
];

export { addMonths };
