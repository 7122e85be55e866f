// Monthly value against the target and floor (each a step per target year), with a table of the same numbers.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SeriesPoint } from '../../../api/types';
import { FigureCells, FigureHeaders } from './FigureColumns';
import { formatCount, formatMonth, formatMonthShort, formatValue, type Unit } from '../../../lib/format';
import { TableScroll } from '../../../components/TableScroll';

/** " 2 months have a partial window (hollow dots, not scored); 1 month is outside coverage (no value)." or ''. */
export function coverageSummary(points: SeriesPoint[]): string {
  const partial = points.filter((p) => p.coverage === 'partial').length;
  const none = points.filter((p) => p.coverage === 'none').length;
  const parts: string[] = [];
  if (partial) parts.push(`${partial === 1 ? '1 month has' : `${partial} months have`} a partial window (hollow dots, not scored)`);
  if (none) parts.push(`${none === 1 ? '1 month is' : `${none} months are`} outside coverage (no value)`);
  return parts.length ? ` ${parts.join('; ')}.` : '';
}

/** A value's dot: filled for a full window, hollow and larger for a partial one (shape, not colour alone). */
function ValueDot(props: { cx?: number; cy?: number; index?: number; payload?: SeriesPoint }) {
  const { cx, cy, index, payload } = props;
  if (cx == null || cy == null || payload?.value == null) return <g key={`dot-${index}`} />;
  return payload.coverage === 'partial' ? (
    <circle key={`dot-${index}`} cx={cx} cy={cy} r={4} fill="#ffffff" stroke="#1d3a5f" strokeWidth={2} />
  ) : (
    <circle key={`dot-${index}`} cx={cx} cy={cy} r={2} fill="#1d3a5f" stroke="#1d3a5f" />
  );
}

export function trendSummary(points: SeriesPoint[], unit: Unit, place: string): string {
  const withValue = points.filter((p) => p.value != null);
  if (withValue.length === 0) return `No values for ${place} in the chosen months.`;
  const first = withValue[0]!;
  const last = withValue[withValue.length - 1]!;
  const latest = points[points.length - 1]!;
  return (
    `Line chart for ${place}: ${formatValue(first.value, unit)} in ${formatMonth(first.month)}, ` +
    `${formatValue(last.value, unit)} in ${formatMonth(last.month)}. ` +
    (latest.target != null ? `Target ${formatValue(latest.target, unit)}` : 'No target') +
    (latest.floor != null ? `, floor ${formatValue(latest.floor, unit)}` : '') +
    ` in ${formatMonth(latest.month)}.` +
    coverageSummary(points) +
    ' The table below gives every month.'
  );
}

export function TrendChart({ points, unit, place }: { points: SeriesPoint[]; unit: Unit; place: string }) {
  const summary = trendSummary(points, unit, place);
  const data = points.map((p) => ({ ...p, label: formatMonthShort(p.month) }));
  const tick = (v: number) => (unit === 'percent' ? `${v}%` : formatCount(v));
  return (
    <>
      <figure className="chart-figure">
        <div className="chart" role="img" aria-label={summary}>
          <ResponsiveContainer width="100%" height={340}>
            <LineChart data={data} margin={{ top: 10, right: 24, bottom: 10, left: 10 }}>
              <CartesianGrid stroke="#dcdcdc" vertical={false} />
              <XAxis dataKey="label" tick={{ fill: '#0b0c0c', fontSize: 13 }} minTickGap={16} />
              <YAxis tick={{ fill: '#0b0c0c', fontSize: 13 }} tickFormatter={tick} width={64} domain={['auto', 'auto']} />
              <Tooltip formatter={(value) => formatValue(Number(value), unit)} />
              <Line type="stepAfter" dataKey="target" name="Target" stroke="#0b0c0c" strokeDasharray="8 4" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              <Line type="stepAfter" dataKey="floor" name="Floor" stroke="#6f3c00" strokeDasharray="2 3" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              <Line type="linear" dataKey="value" name="Value" stroke="#1d3a5f" strokeWidth={3} dot={ValueDot} isAnimationActive={false} connectNulls={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <figcaption>
          <ul className="chart-legend">
            <li><span className="swatch" aria-hidden="true" />Value</li>
            <li><span className="swatch swatch--target" aria-hidden="true" />Target (a step per target year)</li>
            <li><span className="swatch swatch--floor" aria-hidden="true" />Floor</li>
            {points.some((p) => p.coverage === 'partial') && (
              <li><span className="dot-partial" aria-hidden="true" />Partial window (not scored)</li>
            )}
          </ul>
        </figcaption>
      </figure>
      <TableScroll label={`Monthly figures for ${place}`} tall>
        <table className="table">
          <caption>Monthly figures for {place}</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <FigureHeaders unit={unit} />
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map((p) => (
              <tr key={p.month}>
                <th scope="row">{formatMonth(p.month)}</th>
                <FigureCells unit={unit} figures={p} />
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
