// The one catalogue of indicators. The API serves it, the web app and the exports read it from the API,
// the importer checks indicator codes against it, and the SQL in sql/views computes one view per code.
// Definitions follow ../shared/spec/indicators.md; titles are the plan's own wording.

export type Unit = 'percent' | 'count';
export type Polarity = 'higher_is_better' | 'lower_is_better';
export type YearBasis = 'financial' | 'academic';

export const THEMES = [
  'Early help casework',
  'Social care interface',
  "Early years and Children's Centres",
  'Youth justice',
  'Participation',
  'Families',
  'Attendance and exclusions',
] as const;
export type Theme = (typeof THEMES)[number];

export interface Indicator {
  code: string;
  title: string;
  unit: Unit;
  polarity: Polarity;
  yearBasis: YearBasis;
  theme: Theme;
  /** What the figure means, in words, as an analyst would explain it. */
  definition: string;
  /** The numerator and denominator in words (for counts, what is counted). */
  numerator: string;
  denominator: string | null;
  /** The dataset(s) the figure is computed from. */
  source: string;
  /** The record datasets it reads and how far back its window reaches in each (coverage). */
  reads: readonly DatasetRead[];
  /** DfE's published measure it is compared with (indicators.md, "Benchmarks"); absent when there is none. */
  benchmark?: BenchmarkMapping;
}

/**
 * How a KPI relates to the DfE measure it is benchmarked against (reference/benchmarks/, benchmark_measures).
 * The only place that says which KPI reads which measure.
 */
export interface BenchmarkMapping {
  measureCode: string;
  /** Other published measures worth reading beside it (not compared). */
  related: readonly string[];
  /** `yes`: the same measure; `close`: nearly (the note says how it differs); `rate`: published as a rate, the KPI is a count. */
  comparable: 'yes' | 'close' | 'rate';
  /** How comparable the two are, in words. */
  note: string;
  /**
   * The product computes the same measure from records for the same period: its value at the August month
   * of an academic year is set beside the published figure for that year (reconciliation).
   */
  reconciles: boolean;
}

/** The Open Government Licence attribution shown wherever the published figures are (page, exports). */
export const BENCHMARK_ATTRIBUTION =
  'Contains public sector information licensed under the Open Government Licence v3.0 (Department for Education, Local Authority Interactive Tool).';

/** A measure computed like an indicator but not scored: shown as context beside a KPI. */
export interface ContextMeasure {
  code: string;
  title: string;
  unit: Unit;
  /** The KPI it is shown beside, if any. */
  contextFor: string | null;
  definition: string;
  source: string;
  /** The record datasets it reads and how far back its window reaches in each (coverage). */
  reads: readonly DatasetRead[];
}

/** The record datasets (../shared/spec/datasets.md, "Records"). */
export type RecordDataset =
  | 'early_help_cases' | 'scs_referrals' | 'scs_cases' | 'cc_registrations' | 'cc_attendances' | 'cc_inspections'
  | 'ff2_places' | 'youth_contacts' | 'yj_outcomes' | 'yj_closures' | 'neet_activity' | 'tf_claims'
  | 'pupil_absence' | 'exclusions';

/**
 * How far back a measure's figure at month M reaches in a dataset (indicators.md, "Coverage"):
 * - `stock`: as at E, no window (open cases, registrations, the latest inspection or snapshot, the rows of
 *   month M itself);
 * - `rolling`: the twelve months to E (M − 11 to M); "first ever" rules count entries in this window;
 * - `cohort`: a cohort from the rolling window of M − 12 followed up to E, or events in the window looked
 *   back on for 365 days: from M − 23 to M;
 * - `since_2015`: cumulative from 1 January 2015 to E;
 * - `terms`: the pupil_absence terms that count by M ("Terms"); covered only when they are all loaded;
 * - `month`: the events of month M alone (activity counts); like a stock, never partial.
 */
export type WindowKind = 'stock' | 'month' | 'rolling' | 'cohort' | 'since_2015' | 'terms';

export interface DatasetRead { dataset: RecordDataset; window: WindowKind }

const ROLLING = 'in the twelve months to the end of the month';

/** The 24 KPIs of the Three Year Plan 2015–2018, in the plan's order. */
export const INDICATORS: readonly Indicator[] = [
  {
    code: 'eh_stepped_up_to_scs_pct',
    title: "Percentage of Early Help cases stepped up to Specialist Children's Services",
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'financial', theme: 'Early help casework',
    definition: `Of the early help cases closed ${ROLLING}, the share closed because they were stepped up to Specialist Children's Services.`,
    numerator: 'Cases closed in the window with reason "stepped up to SCS"',
    denominator: 'Cases closed in the window',
    source: 'early_help_cases',
    reads: [{ dataset: 'early_help_cases', window: 'rolling' }],
  },
  {
    code: 'scs_stepped_down_to_eh_pct',
    title: "Percentage of Specialist Children's Services cases stepped down to Early Help",
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Social care interface',
    definition: `Of the Specialist Children's Services cases closed ${ROLLING}, the share stepped down to Early Help.`,
    numerator: 'SCS cases closed in the window and stepped down to Early Help',
    denominator: 'SCS cases closed in the window',
    source: 'scs_cases',
    reads: [{ dataset: 'scs_cases', window: 'rolling' }],
  },
  {
    code: 'eh_notifications_assessed_pct',
    title: 'Percentage of notifications leading to an assessment',
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'financial', theme: 'Early help casework',
    definition: `Of the early help notifications received ${ROLLING}, the share assessed by the end of the month. Lower is better: the plan aims to resolve more notifications without a full assessment.`,
    numerator: 'Cases notified in the window with an assessment on or before the month end',
    denominator: 'Cases notified in the window',
    source: 'early_help_cases',
    reads: [{ dataset: 'early_help_cases', window: 'rolling' }],
  },
  {
    code: 'eh_plans_within_4_weeks_pct',
    title: 'Percentage of plans in place within 4 weeks of notification',
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Early help casework',
    definition: `Of the early help plans put in place ${ROLLING}, the share in place within 28 days of notification.`,
    numerator: 'Plans made in the window no more than 28 days after notification',
    denominator: 'Plans made in the window',
    source: 'early_help_cases',
    reads: [{ dataset: 'early_help_cases', window: 'rolling' }],
  },
  {
    code: 'eh_closed_positive_outcome_pct',
    title: 'Percentage of cases closed with a positive outcome',
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Early help casework',
    definition: `Of the early help cases closed ${ROLLING}, the share closed with outcomes achieved.`,
    numerator: 'Cases closed in the window with reason "outcomes achieved"',
    denominator: 'Cases closed in the window',
    source: 'early_help_cases',
    reads: [{ dataset: 'early_help_cases', window: 'rolling' }],
  },
  {
    code: 'eh_rereferred_within_12m_pct',
    title: 'Percentage of closed cases that are referred to EHPS or SCS within 12 months',
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'financial', theme: 'Early help casework',
    definition: 'Of the early help cases closed (other than by step-up to SCS) in the twelve months to the same month a year earlier, the share whose child was notified to early help again, or referred to SCS, within 365 days of the closure.',
    numerator: 'Closed cases whose child had a new early help notification or SCS referral within 365 days',
    denominator: 'Cases closed in the window a year earlier, excluding step-ups to SCS',
    source: 'early_help_cases, scs_referrals',
    reads: [{ dataset: 'early_help_cases', window: 'cohort' }, { dataset: 'scs_referrals', window: 'cohort' }],
  },
  {
    code: 'neet_16_18_pct',
    title: 'Percentage of 16-18 cohort that are NEET',
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'financial', theme: 'Participation',
    definition: 'Of the young people of academic age 16–18 whose activity is known in the month, the share not in education, employment or training. Young people whose activity is unknown are left out (their share is shown beside it).',
    numerator: 'Young people recorded as NEET in the month',
    denominator: 'Young people recorded as EET or NEET in the month',
    source: 'neet_activity',
    reads: [{ dataset: 'neet_activity', window: 'stock' }],
    benchmark: { measureCode: '16-17 NEET', related: ['16-17_not known_NEET', '16-17_not known'], comparable: 'close', note: 'Close: DfE publishes ages 16–17 (the end-of-year average over the winter months), the KPI covers 16–18 each month.', reconciles: false },
  },
  {
    code: 'cc_good_outstanding_pct',
    title: "Percentage of Children's Centres with Good or Outstanding Ofsted Judgements",
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: "Early years and Children's Centres",
    definition: "Of the Children's Centres inspected by the end of the month, the share whose latest inspection was judged good or outstanding.",
    numerator: 'Centres whose latest inspection is good or outstanding',
    denominator: 'Centres with an inspection on or before the month end',
    source: 'cc_inspections, childrens_centres',
    reads: [{ dataset: 'cc_inspections', window: 'stock' }],
  },
  {
    code: 'ff2_take_up_pct',
    title: 'Percentage of eligible children taking up FF2 place (as measured by DfE snapshot)',
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: "Early years and Children's Centres",
    definition: 'In the latest DfE snapshot on or before the month, the share of eligible two-year-olds taking up a free early education (FF2) place.',
    numerator: 'Eligible children taking up a place in the latest snapshot',
    denominator: 'Eligible children in the latest snapshot',
    source: 'ff2_places',
    reads: [{ dataset: 'ff2_places', window: 'stock' }],
    benchmark: { measureCode: '%_2yr_olds', related: [], comparable: 'yes', note: 'The same measure: DfE\'s January snapshot of eligible two-year-olds in funded early education.', reconciles: false },
  },
  {
    code: 'cc_deprived_registered_pct',
    title: "Percentage of 0-5 living in the 30% most deprived LSOAs registered with a Children's Centre",
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: "Early years and Children's Centres",
    definition: "Children under 5 living in the 30% most deprived LSOAs (IMD deciles 1–3) and registered with a Children's Centre, as a share of the under-5 population of those LSOAs in the latest mid-year estimate.",
    numerator: 'Registered children under 5 at the month end living in IMD deciles 1–3',
    denominator: 'Under-5 population of IMD deciles 1–3 (latest mid-year estimate)',
    source: 'cc_registrations, lsoas, lsoa_populations',
    reads: [{ dataset: 'cc_registrations', window: 'stock' }],
  },
  {
    code: 'cc_deprived_attending_pct',
    title: "Percentage of 0-5 living in the 30% most deprived LSOAs attending a Children's Centre",
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: "Early years and Children's Centres",
    definition: `As the registration measure, counting only children who attended a centre ${ROLLING}.`,
    numerator: 'Registered children under 5 in IMD deciles 1–3 with an attendance in the window',
    denominator: 'Under-5 population of IMD deciles 1–3 (latest mid-year estimate)',
    source: 'cc_registrations, cc_attendances, lsoas, lsoa_populations',
    reads: [{ dataset: 'cc_registrations', window: 'stock' }, { dataset: 'cc_attendances', window: 'rolling' }],
  },
  {
    code: 'scs_0_5_known_to_cc_pct',
    title: 'Percentage of 0-5 with Current Social Services involvement known to a Children Centre',
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Social care interface',
    definition: "Of the children under 5 in an open Specialist Children's Services case at the month end, the share registered with a Children's Centre.",
    numerator: "Children under 5 in an open SCS case who are registered with a Children's Centre",
    denominator: 'Children under 5 in an open SCS case at the month end',
    source: 'scs_cases, cc_registrations',
    reads: [{ dataset: 'scs_cases', window: 'stock' }, { dataset: 'cc_registrations', window: 'stock' }],
  },
  {
    code: 'scs_14_18_known_to_youth_pct',
    title: 'Percentage of 14-18 with Current SCS involvement known to the Youth Service',
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Social care interface',
    definition: `Of the young people aged 14–18 in an open Specialist Children's Services case at the month end, the share in contact with the Youth Service ${ROLLING}.`,
    numerator: 'Young people aged 14–18 in an open SCS case with a youth contact in the window',
    denominator: 'Young people aged 14–18 in an open SCS case at the month end',
    source: 'scs_cases, youth_contacts',
    reads: [{ dataset: 'scs_cases', window: 'stock' }, { dataset: 'youth_contacts', window: 'rolling' }],
  },
  {
    code: 'yj_first_time_entrants',
    title: 'Number of first time entrants to the youth justice system',
    unit: 'count', polarity: 'lower_is_better', yearBasis: 'financial', theme: 'Youth justice',
    definition: `Young people aged 10–17 whose first ever substantive outcome (caution, conditional caution or conviction) fell ${ROLLING}. Community resolutions do not count.`,
    numerator: 'First time entrants aged 10–17 in the window',
    denominator: null,
    source: 'yj_outcomes',
    reads: [{ dataset: 'yj_outcomes', window: 'rolling' }],
    benchmark: { measureCode: 'FirstYJS', related: [], comparable: 'rate', note: 'Published as a rate per 100,000 young people aged 10–17, not a count: compare the direction, not the figure.', reconciles: false },
  },
  {
    code: 'yj_reoffending_rate_pct',
    title: 'Rate of re-offending by CYP',
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'financial', theme: 'Youth justice',
    definition: 'Of the young people with a substantive outcome in the twelve months to the same month a year earlier, the share with another substantive outcome within 365 days of their first outcome in that period.',
    numerator: 'Young people in the cohort who re-offended within 365 days',
    denominator: 'Young people with a substantive outcome in the window a year earlier',
    source: 'yj_outcomes',
    reads: [{ dataset: 'yj_outcomes', window: 'cohort' }],
    benchmark: { measureCode: 'ReoffYO', related: ['ReoffYO15-17'], comparable: 'close', note: 'Close: the published cohort and its follow-up are defined differently.', reconciles: false },
  },
  {
    code: 'yo_school_age_ft_education_pct',
    title: 'Percentage of young offenders of school age in full time education (25 hours)',
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Youth justice',
    definition: `Of the youth offending orders of statutory school-age young people closed ${ROLLING}, the share in education for 25 hours a week or more.`,
    numerator: 'School-age closures with 25 or more hours of education',
    denominator: 'School-age closures in the window',
    source: 'yj_closures',
    reads: [{ dataset: 'yj_closures', window: 'rolling' }],
  },
  {
    code: 'yo_post16_ft_eet_pct',
    title: 'Percentage of young offenders post statutory school age in full time EET (16 hours)',
    unit: 'percent', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Youth justice',
    definition: `Of the youth offending orders of young people above statutory school age closed ${ROLLING}, the share in education, employment or training for 16 hours a week or more.`,
    numerator: 'Post-16 closures with 16 or more hours of EET',
    denominator: 'Post-16 closures in the window',
    source: 'yj_closures',
    reads: [{ dataset: 'yj_closures', window: 'rolling' }],
  },
  {
    code: 'tf_turned_around_cumulative',
    title: "Cumulative number of Troubled Families 'turned around' in Phase 2",
    unit: 'count', polarity: 'higher_is_better', yearBasis: 'financial', theme: 'Families',
    definition: 'Troubled Families Phase 2 results claimed from 1 January 2015 to the end of the month.',
    numerator: 'Phase 2 claims from 1 January 2015 to the month end',
    denominator: null,
    source: 'tf_claims',
    reads: [{ dataset: 'tf_claims', window: 'since_2015' }],
  },
  {
    code: 'pa_primary_10pct',
    title: 'Percentage of pupils who are persistently absent from primary schools - all pupils (10% threshold)',
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'academic', theme: 'Attendance and exclusions',
    definition: 'Of the primary pupils with possible sessions in the terms of the academic year completed by the month end, the share missing 10% or more of them. From September to December the whole previous academic year is shown.',
    numerator: 'Primary pupils absent for 10% or more of possible sessions',
    denominator: 'Primary pupils with possible sessions',
    source: 'pupil_absence',
    reads: [{ dataset: 'pupil_absence', window: 'terms' }],
    benchmark: { measureCode: 'SFPriPerAbNew', related: ['TotPerAbNew'], comparable: 'yes', note: 'The same measure for a whole academic year, state-funded primary schools: the August figure reconciles with it.', reconciles: true },
  },
  {
    code: 'pa_secondary_10pct',
    title: 'Percentage of pupils who are persistently absent from secondary schools - all pupils (10% threshold)',
    unit: 'percent', polarity: 'lower_is_better', yearBasis: 'academic', theme: 'Attendance and exclusions',
    definition: 'Of the secondary pupils with possible sessions in the terms of the academic year completed by the month end, the share missing 10% or more of them. From September to December the whole previous academic year is shown.',
    numerator: 'Secondary pupils absent for 10% or more of possible sessions',
    denominator: 'Secondary pupils with possible sessions',
    source: 'pupil_absence',
    reads: [{ dataset: 'pupil_absence', window: 'terms' }],
    benchmark: { measureCode: 'SFSecPerAbNew', related: ['TotPerAbNew'], comparable: 'yes', note: 'The same measure for a whole academic year, state-funded secondary schools: the August figure reconciles with it.', reconciles: true },
  },
  {
    code: 'excl_permanent_primary',
    title: 'Number of permanent exclusions from the primary phase - all pupils',
    unit: 'count', polarity: 'lower_is_better', yearBasis: 'academic', theme: 'Attendance and exclusions',
    definition: `Permanent exclusions from primary schools starting ${ROLLING}; in August, the academic-year total.`,
    numerator: 'Permanent primary exclusions in the window',
    denominator: null,
    source: 'exclusions',
    reads: [{ dataset: 'exclusions', window: 'rolling' }],
    benchmark: { measureCode: 'PriPermEx', related: [], comparable: 'rate', note: 'Published as a rate per 100 pupils, not a count: compare the position, not the figure.', reconciles: false },
  },
  {
    code: 'excl_permanent_secondary',
    title: 'Number of permanent exclusions from the secondary phase - all pupils',
    unit: 'count', polarity: 'lower_is_better', yearBasis: 'academic', theme: 'Attendance and exclusions',
    definition: `Permanent exclusions from secondary schools starting ${ROLLING}; in August, the academic-year total.`,
    numerator: 'Permanent secondary exclusions in the window',
    denominator: null,
    source: 'exclusions',
    reads: [{ dataset: 'exclusions', window: 'rolling' }],
    benchmark: { measureCode: 'SecPermEx', related: [], comparable: 'rate', note: 'Published as a rate per 100 pupils, not a count: compare the position, not the figure.', reconciles: false },
  },
  {
    code: 'excl_fixed_primary',
    title: 'Number of fixed term exclusions from the primary phase - all pupils',
    unit: 'count', polarity: 'lower_is_better', yearBasis: 'academic', theme: 'Attendance and exclusions',
    definition: `Fixed-term exclusions from primary schools starting ${ROLLING}; in August, the academic-year total.`,
    numerator: 'Fixed-term primary exclusions in the window',
    denominator: null,
    source: 'exclusions',
    reads: [{ dataset: 'exclusions', window: 'rolling' }],
    benchmark: { measureCode: 'PriFixedEx', related: [], comparable: 'rate', note: 'Published as a rate per 100 pupils (suspensions), not a count: compare the position, not the figure.', reconciles: false },
  },
  {
    code: 'excl_fixed_secondary',
    title: 'Number of fixed term exclusions from the secondary phase - all pupils',
    unit: 'count', polarity: 'lower_is_better', yearBasis: 'academic', theme: 'Attendance and exclusions',
    definition: `Fixed-term exclusions from secondary schools starting ${ROLLING}; in August, the academic-year total.`,
    numerator: 'Fixed-term secondary exclusions in the window',
    denominator: null,
    source: 'exclusions',
    reads: [{ dataset: 'exclusions', window: 'rolling' }],
    benchmark: { measureCode: 'SecFixedEx', related: [], comparable: 'rate', note: 'Published as a rate per 100 pupils (suspensions), not a count: compare the position, not the figure.', reconciles: false },
  },
];

/** Measures computed beside the KPIs and shown as context, never scored. */
export const CONTEXT_MEASURES: readonly ContextMeasure[] = [
  {
    code: 'pa_primary_15pct', title: 'Persistent absence, primary (former 15% threshold)', unit: 'percent',
    contextFor: 'pa_primary_10pct',
    definition: 'As the primary persistent absence KPI, with a threshold of 15% of possible sessions.',
    source: 'pupil_absence',
    reads: [{ dataset: 'pupil_absence', window: 'terms' }],
  },
  {
    code: 'pa_secondary_15pct', title: 'Persistent absence, secondary (former 15% threshold)', unit: 'percent',
    contextFor: 'pa_secondary_10pct',
    definition: 'As the secondary persistent absence KPI, with a threshold of 15% of possible sessions.',
    source: 'pupil_absence',
    reads: [{ dataset: 'pupil_absence', window: 'terms' }],
  },
  {
    code: 'neet_16_18_unknown_pct', title: 'Share of the 16-18 cohort whose activity is unknown', unit: 'percent',
    contextFor: 'neet_16_18_pct',
    definition: 'Young people of academic age 16–18 recorded in the month whose activity is unknown, as a share of all recorded.',
    source: 'neet_activity',
    reads: [{ dataset: 'neet_activity', window: 'stock' }],
  },
  {
    code: 'scs_rereferral_12m_pct', title: 'Re-referrals to SCS within 12 months of a previous referral', unit: 'percent',
    contextFor: 'eh_rereferred_within_12m_pct',
    definition: 'Of the SCS referrals received in the twelve months to the end of the month, the share made within 365 days of an earlier referral of the same child.',
    source: 'scs_referrals',
    reads: [{ dataset: 'scs_referrals', window: 'cohort' }],
  },
  {
    code: 'tf_turned_around_phase1', title: "Troubled Families 'turned around' in Phase 1 (cumulative)", unit: 'count',
    contextFor: 'tf_turned_around_cumulative',
    definition: 'Troubled Families Phase 1 results claimed up to the end of the month.',
    source: 'tf_claims',
    reads: [{ dataset: 'tf_claims', window: 'stock' }],
  },
  {
    code: 'caseload_open', title: 'Open early help caseload', unit: 'count', contextFor: null,
    definition: 'Early help cases notified on or before the month end and not closed by it.',
    source: 'early_help_cases',
    reads: [{ dataset: 'early_help_cases', window: 'stock' }],
  },
];

/**
 * An activity indicator (indicators.md, "Activity indicators"): a count within month M (or a stock at E),
 * monitored against an expected range (XmR or a fixed range from activity_ranges), never targeted.
 */
export interface ActivityMeasure {
  kind: 'activity';
  code: string;
  title: string;
  unit: 'count';
  definition: string;
  source: string;
  /** The record datasets it reads and how far back it reaches in each (coverage). */
  reads: readonly DatasetRead[];
}

const caseloadOpen = CONTEXT_MEASURES.find((measure) => measure.code === 'caseload_open')!;

/** The plan's suite of activity indicators, in the order the scorecard lists them. */
export const ACTIVITY_MEASURES: readonly ActivityMeasure[] = [
  {
    kind: 'activity', code: 'act_eh_notifications', title: 'Early help notifications', unit: 'count',
    definition: 'Early help cases notified in the month.',
    source: 'early_help_cases',
    reads: [{ dataset: 'early_help_cases', window: 'month' }],
  },
  {
    kind: 'activity', code: 'act_eh_closures', title: 'Early help cases closed', unit: 'count',
    definition: 'Early help cases closed in the month, whatever the reason.',
    source: 'early_help_cases',
    reads: [{ dataset: 'early_help_cases', window: 'month' }],
  },
  {
    // The same view and results as the caseload context measure: computed once.
    kind: 'activity', code: caseloadOpen.code, title: caseloadOpen.title, unit: 'count',
    definition: caseloadOpen.definition, source: caseloadOpen.source, reads: caseloadOpen.reads,
  },
  {
    kind: 'activity', code: 'act_scs_referrals', title: "Referrals to Specialist Children's Services", unit: 'count',
    definition: "Referrals to Specialist Children's Services received in the month.",
    source: 'scs_referrals',
    reads: [{ dataset: 'scs_referrals', window: 'month' }],
  },
  {
    kind: 'activity', code: 'act_scs_open_cases', title: "Open Specialist Children's Services cases", unit: 'count',
    definition: "Specialist Children's Services cases opened on or before the month end and not closed by it.",
    source: 'scs_cases',
    reads: [{ dataset: 'scs_cases', window: 'stock' }],
  },
  {
    kind: 'activity', code: 'act_cc_registrations', title: "Children's Centre registrations", unit: 'count',
    definition: "Children registered with a Children's Centre in the month, counted in the district of the child's LSOA.",
    source: 'cc_registrations, lsoas',
    reads: [{ dataset: 'cc_registrations', window: 'month' }],
  },
  {
    kind: 'activity', code: 'act_cc_attendances', title: "Children's Centre attendances", unit: 'count',
    definition: "Attendances at Children's Centres in the month, counted in the district of the centre.",
    source: 'cc_attendances, childrens_centres',
    reads: [{ dataset: 'cc_attendances', window: 'month' }],
  },
  {
    kind: 'activity', code: 'act_yj_substantive_outcomes', title: 'Youth justice substantive outcomes', unit: 'count',
    definition: 'Youth cautions, youth conditional cautions and convictions in the month (community resolutions are not substantive).',
    source: 'yj_outcomes',
    reads: [{ dataset: 'yj_outcomes', window: 'month' }],
  },
  {
    kind: 'activity', code: 'act_exclusions', title: 'Exclusions', unit: 'count',
    definition: 'Exclusions starting in the month: permanent and fixed-term, primary and secondary.',
    source: 'exclusions',
    reads: [{ dataset: 'exclusions', window: 'month' }],
  },
];

const activityByCode = new Map<string, ActivityMeasure>(ACTIVITY_MEASURES.map((measure) => [measure.code, measure]));

export function findActivityMeasure(code: string): ActivityMeasure | undefined {
  return activityByCode.get(code);
}

/**
 * Every measure the refresh computes into indicator_results, each code once (caseload_open is both a context
 * and an activity measure).
 */
export const COMPUTED_MEASURES: readonly { code: string; unit: Unit; reads: readonly DatasetRead[] }[] = [
  ...INDICATORS, ...CONTEXT_MEASURES, ...ACTIVITY_MEASURES,
].filter((measure, index, all) => all.findIndex((other) => other.code === measure.code) === index);

const byCode = new Map<string, Indicator>(INDICATORS.map((indicator) => [indicator.code, indicator]));

export function findIndicator(code: string): Indicator | undefined {
  return byCode.get(code);
}

/** Every code the results table and the reference data may name. */
export const MEASURE_CODES: readonly string[] = COMPUTED_MEASURES.map((measure) => measure.code);
