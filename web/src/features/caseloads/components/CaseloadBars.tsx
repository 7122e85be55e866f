// Current, baseline and target caseload per district as grouped bars, with a table of the same numbers
// that adds each district's difference to target, area subtotals and the county total.
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { CaseloadRow, CaseloadsResponse } from '../../../api/types';
import { TableScroll } from '../../../components/TableScroll';
import { formatCount, formatMonth, formatSignedCount } from '../../../lib/format';

export const COLOURS = { current: '#1d3a5f', baseline: '#8eb8dc', target: '#4c2c92' };

export function differenceToTarget(row: CaseloadRow): number | null {
  return row.current != null && row.target != null ? row.current - row.target : null;
}

function Difference({ row }: { row: CaseloadRow }) {
  const difference = differenceToTarget(row);
  if (difference == null) return <>No target</>;
  if (difference === 0) return <>On target</>;
  return (
    <span className={difference > 0 ? 'difference--over' : 'difference--under'}>
      {formatSignedCount(difference)} {difference > 0 ? 'above target' : 'below target'}
    </span>
  );
}

/** Publication mode (partners; the published view with suppress=true), as the suppressed exports word it. */
export const SUPPRESSED_NOTE = 'c: hidden in publication mode (a count of 1 to 4, or a figure from which one could be worked out).';

export function barsSummary(data: CaseloadsResponse): string {
  const over = data.districts.filter((d) => (differenceToTarget(d) ?? 0) > 0).length;
  const withTarget = data.districts.filter((d) => d.target != null).length;
  return (
    `Grouped bar chart of current, baseline and target caseload for ${data.districts.length} districts in ${formatMonth(data.month)}. ` +
    `Kent: ${formatCount(data.county.current)} open cases against a target of ${formatCount(data.county.target)}. ` +
    `${over} of ${withTarget} districts with a target are above it. The table below gives every figure.`
  );
}

export function CaseloadBars({ data }: { data: CaseloadsResponse }) {
  const chartData = data.districts.map((d) => ({ name: d.name, current: d.current, baseline: d.baseline, target: d.target }));
  return (
    <>
      <figure className="chart-figure">
        <div className="chart" role="img" aria-label={barsSummary(data)}>
          <ResponsiveContainer width="100%" height={380}>
            <BarChart data={chartData} margin={{ top: 10, right: 16, bottom: 40, left: 10 }}>
              <CartesianGrid stroke="#dcdcdc" vertical={false} />
              <XAxis dataKey="name" tick={{ fill: '#0b0c0c', fontSize: 15 }} interval={0} angle={-25} textAnchor="end" />
              <YAxis tick={{ fill: '#0b0c0c', fontSize: 15 }} tickFormatter={(v: number) => formatCount(v)} width={64} />
              <Tooltip formatter={(v) => formatCount(Number(v))} />
              <Legend verticalAlign="top" wrapperStyle={{ fontSize: 16 }} formatter={(value) => <span className="legend-text">{value}</span>} />
              <Bar dataKey="current" name="Current" fill={COLOURS.current} isAnimationActive={false} />
              <Bar dataKey="baseline" name="Baseline" fill={COLOURS.baseline} stroke="#0b0c0c" isAnimationActive={false} />
              <Bar dataKey="target" name="Target" fill={COLOURS.target} isAnimationActive={false} />
            </BarChart>
          </ResponsiveContainer>
        </div>
      </figure>
      <TableScroll label={`Caseloads by district, ${formatMonth(data.month)}`}>
      <table className="table">
        <caption>Caseloads by district, {formatMonth(data.month)}, with area subtotals and the county total</caption>
        <thead>
          <tr>
            <th scope="col">District</th>
            <th scope="col" className="num">Current</th>
            <th scope="col" className="num">Baseline</th>
            <th scope="col" className="num">Target</th>
            <th scope="col" className="num">Difference to target</th>
          </tr>
        </thead>
        {data.areas.map((area) => (
          <tbody key={area.code}>
            {data.districts
              .filter((d) => d.areaCode === area.code)
              .map((d) => (
                <CaseloadTableRow key={d.code} row={d} />
              ))}
            <CaseloadTableRow row={area} className="subtotal" label={`${area.name} (area subtotal)`} />
          </tbody>
        ))}
        <tfoot>
          <CaseloadTableRow row={data.county} className="total" label={`${data.county.name} (county total)`} />
        </tfoot>
      </table>
      </TableScroll>
      {[...data.districts, ...data.areas].some((r) => r.suppressed) && (
        <p className="cell-note">{SUPPRESSED_NOTE}</p>
      )}
    </>
  );
}

function CaseloadTableRow({ row, className, label }: { row: CaseloadRow; className?: string; label?: string }) {
  return (
    <tr className={className}>
      <th scope="row">{label ?? row.name}</th>
      <td className="num">{row.suppressed && row.current == null ? 'c' : formatCount(row.current)}</td>
      <td className="num">{row.suppressed && row.baseline == null ? 'c' : formatCount(row.baseline)}</td>
      <td className="num">{formatCount(row.target)}</td>
      <td className="num">
        <Difference row={row} />
      </td>
    </tr>
  );
}
