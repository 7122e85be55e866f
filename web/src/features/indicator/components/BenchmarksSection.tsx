// Benchmarks on the indicator page (indicators.md, "Benchmarks"): the home authority against England, its
// region and the mean of its statistical neighbours over every published period (chart and table), the
// neighbours' values for the period the chosen month reads, ranked, and, where the product computes the same
// measure from records (persistent absence), both figures side by side.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { BenchmarkPeriod, BenchmarkResponse } from '../../../api/types';
import { bandText, formatMonth, formatPublished, NO_VALUE, rankText } from '../../../lib/format';
import { TableScroll } from '../../../components/TableScroll';

const COMPARABLE_WORDS = { yes: 'Comparable', close: 'Close, not identical', rate: 'Published as a rate' } as const;

export function BenchmarksSection({ data, month }: { data: BenchmarkResponse; month: string | undefined }) {
  const home = data.authority?.name ?? 'The authority';
  const region = data.authority?.region ?? 'Region';
  const unit = data.measure.unit;
  const fmt = (value: number | null | undefined, symbol?: string | null) => formatPublished(value, unit, symbol);
  // The period the month reads, as the API chose it (the latest ending by the month's last day).
  const chosen = data.periods.find((p) => p.period === data.periodForMonth) ?? null;
  const reconciled = data.periods.filter((p) => p.product != null);
  const latest = data.periods.at(-1);
  const summary = latest
    ? `Line chart of ${data.measure.title} (${unit}), ${data.periods[0]!.period} to ${latest.period}: ${home} ` +
      `${fmt(latest.value, latest.symbol)} in ${latest.period}, England ${fmt(latest.england)}, ${region} ${fmt(latest.region)}, ` +
      `statistical neighbours' mean ${fmt(latest.neighbours.mean)}. The table below gives every period.`
    : '';

  return (
    <section aria-labelledby="benchmarks-heading" className="benchmarks">
      <h2 id="benchmarks-heading">Benchmarks</h2>
      <p>
        Published by DfE as <strong>{data.measure.title}</strong> ({data.measureCode}; {unit}).{' '}
        {COMPARABLE_WORDS[data.comparable]}: {data.note}
      </p>
      {data.periods.length === 0 ? (
        <p role="status">No published figures are loaded for this measure.</p>
      ) : (
        <>
          <figure className="chart-figure">
            <div className="chart" role="img" aria-label={summary}>
              <ResponsiveContainer width="100%" height={300}>
                <LineChart data={data.periods.map((p) => ({ ...p, neighboursMean: p.neighbours.mean }))} margin={{ top: 10, right: 24, bottom: 10, left: 10 }}>
                  <CartesianGrid stroke="#dcdcdc" vertical={false} />
                  <XAxis dataKey="period" tick={{ fill: '#0b0c0c', fontSize: 13 }} />
                  <YAxis tick={{ fill: '#0b0c0c', fontSize: 13 }} width={64} domain={['auto', 'auto']} />
                  <Tooltip formatter={(value) => fmt(Number(value))} />
                  <Line dataKey="value" name={home} stroke="#1d3a5f" strokeWidth={3} isAnimationActive={false} />
                  <Line dataKey="england" name="England" stroke="#0b0c0c" strokeDasharray="8 4" strokeWidth={2} isAnimationActive={false} />
                  <Line dataKey="region" name={region} stroke="#6f3c00" strokeDasharray="2 3" strokeWidth={2} isAnimationActive={false} />
                  <Line dataKey="neighboursMean" name="Statistical neighbours (mean)" stroke="#00703c" strokeDasharray="12 3 3 3" strokeWidth={2} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
            <figcaption>
              <ul className="chart-legend">
                <li><span className="swatch" aria-hidden="true" />{home} (solid)</li>
                <li><span className="swatch swatch--target" aria-hidden="true" />England (long dashes)</li>
                <li><span className="swatch swatch--floor" aria-hidden="true" />{region} (dots)</li>
                <li><span className="swatch swatch--neighbours" aria-hidden="true" />Statistical neighbours' mean (dash-dot)</li>
              </ul>
            </figcaption>
          </figure>

          <TableScroll label={`Published figures by period`}>
            <table className="table">
              <caption>Published figures by period: {home}, England, {region} and the statistical neighbours</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col" className="num">{home}</th>
                  <th scope="col" className="num">England</th>
                  <th scope="col" className="num">{region}</th>
                  <th scope="col" className="num">Neighbours' mean</th>
                  <th scope="col">Rank and band</th>
                </tr>
              </thead>
              <tbody>
                {[...data.periods].reverse().map((p) => (
                  <tr key={p.period}>
                    <th scope="row">{p.period}</th>
                    <td className="num">{fmt(p.value, p.symbol)}</td>
                    <td className="num">{fmt(p.england)}</td>
                    <td className="num">{fmt(p.region)}</td>
                    <td className="num">
                      {fmt(p.neighbours.mean)}
                      <span className="cell-note">{p.neighbours.count} of the neighbours</span>
                    </td>
                    <td>
                      {p.rank != null && p.band != null ? (
                        <>
                          {rankText(p.rank, p.of)}
                          <span className={`band band--${p.band}`}>{bandText(p.band, p.of)}</span>
                        </>
                      ) : (
                        'Not ranked'
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>

          {chosen ? <NeighboursTable data={data} period={chosen} month={month} /> : (
            <p role="status">No period was published by {month ? formatMonth(month) : 'this month'}.</p>
          )}

          {reconciled.length > 0 && (
            <TableScroll label="Reconciliation with the records">
              <table className="table">
                <caption>Reconciliation: the published figure beside the one computed from records for the same academic year</caption>
                <thead>
                  <tr>
                    <th scope="col">Academic year</th>
                    <th scope="col" className="num">Published (DfE)</th>
                    <th scope="col" className="num">From records</th>
                    <th scope="col" className="num">Difference</th>
                  </tr>
                </thead>
                <tbody>
                  {[...reconciled].reverse().map((p) => (
                    <tr key={p.period}>
                      <th scope="row">{p.period}</th>
                      <td className="num">{fmt(p.value, p.symbol)}</td>
                      <td className="num">
                        {fmt(p.product!.value)}
                        <span className="cell-note">{formatMonth(p.product!.month)}</span>
                      </td>
                      <td className="num">{p.product!.difference == null ? NO_VALUE : signed(p.product!.difference)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </TableScroll>
          )}
        </>
      )}
      <p className="cell-note">
        {data.attribution} <a href={data.measure.methodology}>How DfE computes it</a>
      </p>
    </section>
  );
}

/** "+0.30", "−0.12", "0.00" (points of the measure's unit). */
function signed(value: number): string {
  const text = Math.abs(value).toFixed(2);
  if (Number(text) === 0) return '0.00';
  return value > 0 ? `+${text}` : `−${text}`;
}

/** The neighbours' values for one period (and the home authority's), best first by DfE's polarity. */
function NeighboursTable({ data, period, month }: { data: BenchmarkResponse; period: BenchmarkPeriod; month: string | undefined }) {
  const home = data.authority;
  const polarity = data.measure.polarity;
  const rows = [
    ...period.values.map((v) => ({ ...v, isHome: false })),
    ...(home ? [{ laNumber: home.laNumber, name: home.name, closeness: 0, value: period.value, symbol: period.symbol, rank: period.rank, isHome: true }] : []),
  ];
  const better = (a: number, b: number) => (polarity === 'High' ? b - a : a - b);
  rows.sort((a, b) =>
    a.value == null ? (b.value == null ? a.closeness - b.closeness : 1) : b.value == null ? -1 : polarity === '-' ? a.closeness - b.closeness : better(a.value, b.value));
  const unit = data.measure.unit;
  return (
    <TableScroll label="Statistical neighbours">
      <table className="table benchmark-table">
        <caption>
          Statistical neighbours, {period.period}
          {month ? ` (the latest period published by ${formatMonth(month)})` : ''}
          {polarity === '-' ? ', closest first' : ', best first'}
        </caption>
        <thead>
          <tr>
            <th scope="col">Authority</th>
            <th scope="col" className="num">Value</th>
            <th scope="col">Rank in England</th>
            <th scope="col" className="num">Closeness</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.laNumber}>
              <th scope="row" className={r.isHome ? 'is-home' : undefined}>
                {r.name}
                {r.isHome && ' (home authority)'}
              </th>
              <td className="num">{formatPublished(r.value, unit, r.symbol)}</td>
              <td>{r.rank != null ? `${r.rank} of ${period.of}` : NO_VALUE}</td>
              <td className="num">{r.isHome ? NO_VALUE : r.closeness}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableScroll>
  );
}
