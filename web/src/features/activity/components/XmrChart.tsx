// An activity indicator's XmR chart: the monthly count, the centre line (mean) and the process limits (or a
// fixed range), each month judged against its own baseline; unusual months are marked by an arrow-shaped
// point (up: higher than expected, down: lower), not colour alone. The table beside it gives every number.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { ActivityPoint } from '../../../api/activity';
import { formatRange, SIGNAL_LABEL, SignalBadge } from '../../../components/ActivitySignal';
import { formatCount, formatMonth, formatMonthShort } from '../../../lib/format';
import { TableScroll } from '../../../components/TableScroll';

const SPECIAL = '#4c2c92';
const VALUE = '#1d3a5f';

/** A month's point: an up or down triangle for special cause, a small dot otherwise. */
function SignalDot(props: { cx?: number; cy?: number; index?: number; payload?: ActivityPoint }) {
  const { cx, cy, index, payload } = props;
  if (cx == null || cy == null || payload?.value == null) return <g key={`dot-${index}`} />;
  if (payload.signal === 'special_cause_high') {
    return <polygon key={`dot-${index}`} points={`${cx},${cy - 7} ${cx + 6},${cy + 4} ${cx - 6},${cy + 4}`} fill={SPECIAL} stroke="#fff" strokeWidth={1} />;
  }
  if (payload.signal === 'special_cause_low') {
    return <polygon key={`dot-${index}`} points={`${cx},${cy + 7} ${cx + 6},${cy - 4} ${cx - 6},${cy - 4}`} fill={SPECIAL} stroke="#fff" strokeWidth={1} />;
  }
  return <circle key={`dot-${index}`} cx={cx} cy={cy} r={2.5} fill={VALUE} stroke={VALUE} />;
}

/** The chart's text alternative: the latest month, its range and signal, and how many months were unusual. */
export function xmrSummary(points: ActivityPoint[], place: string): string {
  const withValue = points.filter((p) => p.value != null);
  if (withValue.length === 0) return `No values for ${place} in the chosen months.`;
  const last = withValue[withValue.length - 1]!;
  const high = points.filter((p) => p.signal === 'special_cause_high').length;
  const low = points.filter((p) => p.signal === 'special_cause_low').length;
  const range = formatRange(last, formatCount);
  return (
    `Control chart for ${place}: ${formatCount(last.value)} in ${formatMonth(last.month)}` +
    (range === '–' ? ', no expected range yet' : `, expected range ${range}`) +
    `: ${SIGNAL_LABEL[last.signal ?? 'none'].toLowerCase()}. ` +
    `Over the ${points.length} months shown, ${high} higher and ${low} lower than expected (triangles). ` +
    'The table gives every month.'
  );
}

export function XmrChart({ points, place }: { points: ActivityPoint[]; place: string }) {
  const data = points.map((p) => ({ ...p, label: formatMonthShort(p.month) }));
  const fixed = points.some((p) => p.fixedRange);
  return (
    <div className="activity-layout">
      <figure className="chart-figure">
        <div className="chart" role="img" aria-label={xmrSummary(points, place)}>
          <ResponsiveContainer width="100%" height={340}>
            <LineChart data={data} margin={{ top: 10, right: 24, bottom: 10, left: 10 }}>
              <CartesianGrid stroke="#dcdcdc" vertical={false} />
              <XAxis dataKey="label" tick={{ fill: '#0b0c0c', fontSize: 13 }} minTickGap={16} />
              <YAxis tick={{ fill: '#0b0c0c', fontSize: 13 }} tickFormatter={(v: number) => formatCount(v)} width={64} domain={['auto', 'auto']} />
              <Tooltip formatter={(value) => formatCount(Number(value))} />
              <Line type="stepAfter" dataKey="upper" name="Upper limit" stroke="#6f3c00" strokeDasharray="2 3" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              <Line type="stepAfter" dataKey="mean" name="Mean" stroke="#0b0c0c" strokeDasharray="8 4" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              <Line type="stepAfter" dataKey="lower" name="Lower limit" stroke="#6f3c00" strokeDasharray="2 3" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
              <Line type="linear" dataKey="value" name="Count" stroke={VALUE} strokeWidth={3} dot={SignalDot} isAnimationActive={false} connectNulls={false} />
            </LineChart>
          </ResponsiveContainer>
        </div>
        <figcaption>
          <ul className="chart-legend">
            <li><span className="swatch" aria-hidden="true" />Count in the month</li>
            <li><span className="swatch swatch--target" aria-hidden="true" />Mean (centre line)</li>
            <li><span className="swatch swatch--floor" aria-hidden="true" />{fixed ? 'Limits (or the fixed range)' : 'Upper and lower limits'}</li>
            <li>▲ Higher than expected · ▼ Lower than expected</li>
          </ul>
        </figcaption>
      </figure>
      <TableScroll label={`Monthly activity for ${place}`} tall>
        <table className="table">
          <caption>Monthly activity for {place}</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              <th scope="col" className="num">Count</th>
              <th scope="col" className="num">Mean</th>
              <th scope="col">Expected range</th>
              <th scope="col">Signal</th>
            </tr>
          </thead>
          <tbody>
            {[...points].reverse().map((p) => (
              <tr key={p.month}>
                <th scope="row">{formatMonth(p.month)}</th>
                <td className="num">{formatCount(p.value)}</td>
                <td className="num">{p.mean == null ? '–' : formatCount(p.mean)}</td>
                <td>{formatRange(p, formatCount)}</td>
                <td><SignalBadge signal={p.signal} /></td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </div>
  );
}
