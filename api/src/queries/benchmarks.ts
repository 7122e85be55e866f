// Benchmarks (indicators.md, "Benchmarks"): the home authority beside England, its region and its statistical
// neighbours, with its rank and quartile band, for the DfE measure the catalogue maps a KPI to. The figures
// come from the views of migration 0016 (benchmark_comparison, benchmark_ranks, home_neighbours); this module
// only picks the period a month reads and shapes the rows.
import { sql } from 'kysely';
import type { Db } from '../db/kysely.js';
import { INDICATORS, type BenchmarkMapping, type Indicator } from '../indicators/catalog.js';
import { indicatorValue } from '../indicators/status.js';
import { monthIndex, monthFromIndex } from '../lib/months.js';
import { memoise, type Snapshot } from '../lib/snapshot.js';
import { coverageAt } from './coverage.js';
import { sumResults } from './results.js';

export type Band = 'A' | 'B' | 'C' | 'D';

/** One published period of a measure, as the home authority sees it. */
export interface BenchmarkPeriod {
  period: string;
  /** The day the period ends (YYYY-MM-DD): a month reads the latest period ending on or before its end. */
  periodEnd: string;
  /** The home authority's published value (null when DfE published none, see symbol). */
  value: number | null;
  /** The text DfE published instead of a number (`-`: not available), else null. */
  symbol: string | null;
  england: number | null;
  region: number | null;
  neighbours: { mean: number | null; count: number };
  /** Among local authorities with a value in the period: 1 is best; null without polarity or without a value. */
  rank: number | null;
  /** How many local authorities have a value in the period. */
  of: number;
  band: Band | null;
}

/** The benchmark of a scorecard row (api.md 1.1), with the measure's unit and how comparable it is. */
export interface ScorecardBenchmark extends Omit<BenchmarkPeriod, 'periodEnd' | 'symbol'> {
  measureCode: string;
  periodEnd: string;
  unit: string;
  comparable: BenchmarkMapping['comparable'];
}

export interface BenchmarkMeasure {
  measureCode: string;
  title: string;
  /** DfE's polarity: High (higher is better), Low, or '-' (none: no rank or band). */
  polarity: string;
  unit: string;
  yearType: string;
  description: string;
  source: string;
  methodology: string;
}

interface Comparisons {
  measures: Map<string, BenchmarkMeasure>;
  periods: Map<string, BenchmarkPeriod[]>;
}

/** Every KPI with a benchmark measure, as the catalogue maps them. */
const MAPPED = INDICATORS.filter((indicator): indicator is Indicator & { benchmark: BenchmarkMapping } => !!indicator.benchmark);
const MAPPED_MEASURES = [...new Set(MAPPED.map((indicator) => indicator.benchmark.measureCode))];

/** The comparisons of every mapped measure and every period, read once per version of the data. */
function loadComparisons(db: Db, snapshot: Snapshot): Promise<Comparisons> {
  return memoise(snapshot, 'benchmark-comparisons', async () => {
    const { rows: measureRows } = await sql<{
      measure_code: string; title: string; polarity: string; unit: string; year_type: string;
      description: string; source: string; methodology: string;
    }>`SELECT measure_code, title, polarity, unit, year_type, description, source, methodology
       FROM benchmark_measures WHERE measure_code = ANY(${MAPPED_MEASURES}::text[])`.execute(db);
    const { rows } = await sql<{
      measure_code: string; period: string; period_end: string; value: number | null; symbol: string | null;
      england: number | null; region: number | null; neighbours_mean: number | null; neighbours_count: number;
      rank: number | null; of: number; band: Band | null;
    }>`SELECT measure_code, period, period_end::text AS period_end, value, symbol, england, region,
              neighbours_mean, neighbours_count, rank, of, band
       FROM benchmark_comparison WHERE measure_code = ANY(${MAPPED_MEASURES}::text[])
       ORDER BY measure_code, period_end, period`.execute(db);
    const measures = new Map(measureRows.map((m) => [m.measure_code, {
      measureCode: m.measure_code, title: m.title, polarity: m.polarity, unit: m.unit, yearType: m.year_type,
      description: m.description, source: m.source, methodology: m.methodology,
    }]));
    const periods = new Map<string, BenchmarkPeriod[]>();
    for (const r of rows) {
      const list = periods.get(r.measure_code) ?? [];
      list.push({
        period: r.period, periodEnd: r.period_end, value: r.value, symbol: r.symbol, england: r.england, region: r.region,
        neighbours: { mean: r.neighbours_mean, count: r.neighbours_count }, rank: r.rank, of: r.of, band: r.band,
      });
      periods.set(r.measure_code, list);
    }
    return { measures, periods };
  });
}

/** The last day of a month (YYYY-MM-DD). */
function monthEnd(month: string): string {
  const next = monthFromIndex(monthIndex(month) + 1);
  const last = new Date(Date.UTC(Number(next.slice(0, 4)), Number(next.slice(5, 7)) - 1, 0));
  return last.toISOString().slice(0, 10);
}

/** The latest period ending on or before the end of the month (periods in order of their end), else null. */
export function periodAt<T extends { periodEnd: string }>(periods: readonly T[], month: string): T | null {
  const end = monthEnd(month);
  let found: T | null = null;
  for (const period of periods) if (period.periodEnd <= end) found = period;
  return found;
}

/**
 * Each KPI's benchmark at the month, by code: only the ones the catalogue maps and that have a published
 * period by then. Benchmarks are the authority's: the caller gives them to county rows only.
 */
export async function benchmarksAt(db: Db, snapshot: Snapshot, month: string): Promise<Map<string, ScorecardBenchmark>> {
  const { measures, periods } = await loadComparisons(db, snapshot);
  const out = new Map<string, ScorecardBenchmark>();
  for (const indicator of MAPPED) {
    const { measureCode, comparable } = indicator.benchmark;
    const measure = measures.get(measureCode);
    const at = periodAt(periods.get(measureCode) ?? [], month);
    if (!measure || !at) continue;
    out.set(indicator.code, {
      measureCode, period: at.period, periodEnd: at.periodEnd, value: at.value, england: at.england, region: at.region,
      neighbours: at.neighbours, rank: at.rank, of: at.of, band: at.band, unit: measure.unit, comparable,
    });
  }
  return out;
}

export interface NeighbourValue {
  laNumber: number;
  name: string;
  /** 1 is the closest neighbour (the group's latest version). */
  closeness: number;
  value: number | null;
  symbol: string | null;
  /** Its rank among every local authority with a value (null without polarity or value). */
  rank: number | null;
}

/** The product's own figure for the same period, from records (persistent absence: August of the year). */
export interface Reconciliation { month: string; value: number | null; difference: number | null }

export interface BenchmarkDetail {
  code: string;
  measureCode: string;
  measure: BenchmarkMeasure;
  related: string[];
  comparable: BenchmarkMapping['comparable'];
  note: string;
  authority: { laNumber: number; name: string; region: string } | null;
  periods: (BenchmarkPeriod & { values: NeighbourValue[]; product: Reconciliation | null })[];
}

/** Every period of the KPI's benchmark measure with the neighbours' values; null when it has no measure. */
export async function getBenchmarkDetail(db: Db, snapshot: Snapshot, indicator: Indicator): Promise<BenchmarkDetail | null> {
  const mapping = indicator.benchmark;
  if (!mapping) return null;
  return memoise(snapshot, `benchmark-detail|${indicator.code}`, async () => {
    const { measures, periods } = await loadComparisons(db, snapshot);
    const measure = measures.get(mapping.measureCode);
    const { rows: [home] } = await sql<{ la_number: number; la_name: string; region: string }>`
      SELECT la_number, la_name, region FROM authority ORDER BY la_number LIMIT 1`.execute(db);
    const { rows: neighbourRows } = await sql<{
      period: string; la_number: number; name: string; closeness_rank: number; value: number | null; symbol: string | null; rank: number | null;
    }>`SELECT p.period, hn.la_number, hn.closeness_rank,
              coalesce(v.geography_name,
                (SELECT s.la_name FROM statistical_neighbours s WHERE s.la_number = hn.la_number ORDER BY s.version DESC LIMIT 1),
                'Authority ' || hn.la_number) AS name,
              v.value, v.symbol, rk.rank
       FROM benchmark_periods p
       CROSS JOIN home_neighbours hn
       LEFT JOIN benchmark_values v ON v.measure_code = p.measure_code AND v.period = p.period AND v.la_number = hn.la_number
       LEFT JOIN benchmark_ranks rk ON rk.measure_code = p.measure_code AND rk.period = p.period AND rk.la_number = hn.la_number
       WHERE p.measure_code = ${mapping.measureCode}
       ORDER BY p.period, hn.closeness_rank`.execute(db);
    const valuesByPeriod = new Map<string, NeighbourValue[]>();
    for (const r of neighbourRows) {
      const list = valuesByPeriod.get(r.period) ?? [];
      list.push({ laNumber: r.la_number, name: r.name, closeness: r.closeness_rank, value: r.value, symbol: r.symbol, rank: r.rank });
      valuesByPeriod.set(r.period, list);
    }
    const list = periods.get(mapping.measureCode) ?? [];
    const products = mapping.reconciles && measure?.yearType === 'Academic Year'
      ? await reconciliations(db, snapshot, indicator, list)
      : new Map<string, Reconciliation>();
    return {
      code: indicator.code,
      measureCode: mapping.measureCode,
      measure: measure ?? {
        measureCode: mapping.measureCode, title: mapping.measureCode, polarity: '-', unit: '', yearType: '',
        description: '', source: '', methodology: '',
      },
      related: [...mapping.related],
      comparable: mapping.comparable,
      note: mapping.note,
      authority: home ? { laNumber: home.la_number, name: home.la_name, region: home.region } : null,
      periods: list.map((p) => ({ ...p, values: valuesByPeriod.get(p.period) ?? [], product: products.get(p.period) ?? null })),
    };
  });
}

/**
 * The product's figure for the county at the August month of each academic year (the whole year's terms), beside
 * the published one: none for a year whose August is outside the months the data spans; no value (never a
 * zero) when that month is not fully covered.
 */
async function reconciliations(
  db: Db, snapshot: Snapshot, indicator: Indicator, periods: readonly BenchmarkPeriod[],
): Promise<Map<string, Reconciliation>> {
  // Only the years the product's data reaches (later years have no product figure to set beside them).
  const { first, latest } = snapshot.months;
  const inData = (month: string) => first != null && latest != null && month >= first && month <= latest;
  const months = new Map(periods.map((p) => [p.period, `${p.periodEnd.slice(0, 4)}-08`] as const).filter(([, month]) => inData(month)));
  const wanted = [...new Set(months.values())].sort();
  if (wanted.length === 0) return new Map();
  const rows = await sumResults(db, { codes: [indicator.code], from: wanted[0]!, to: wanted.at(-1)!, districtCodes: null });
  const byMonth = new Map(rows.map((r) => [r.month, r]));
  const out = new Map<string, Reconciliation>();
  for (const p of periods) {
    const month = months.get(p.period);
    if (!month) continue;
    const covered = coverageAt(snapshot.coverage, indicator.code, month) === 'full';
    const value = covered ? indicatorValue(indicator.unit, byMonth.get(month)) : null;
    out.set(p.period, { month, value, difference: value !== null && p.value !== null ? value - p.value : null });
  }
  return out;
}
