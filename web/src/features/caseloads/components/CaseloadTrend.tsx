// The open caseload of each district month by month against its target: one small chart per district,
// and a table (months by districts) with the same numbers.
import { CartesianGrid, Line, LineChart, ResponsiveContainer, XAxis, YAxis } from 'recharts';
import type { CaseloadsResponse } from '../../../api/types';
import { formatCount, formatMonth, formatMonthShort } from '../../../lib/format';
import { COLOURS } from './CaseloadBars';
import { TableScroll } from '../../../components/TableScroll';

export interface DistrictTrend {
  code: string;
  name: string;
  points: { month: string; current: number | null; target: number | null }[];
}

export function districtTrends(months: CaseloadsResponse[]): DistrictTrend[] {
  const latest = months[months.length - 1];
  if (!latest) return [];
  return latest.districts.map((district) => ({
    code: district.code,
    name: district.name,
    points: months.map((m) => {
      const row = m.districts.find((d) => d.code === district.code);
      return { month: m.month, current: row?.current ?? null, target: row?.target ?? null };
    }),
  }));
}

function trendSummary(trend: DistrictTrend): string {
  const first = trend.points[0];
  const last = trend.points[trend.points.length - 1];
  if (!first || !last) return `${trend.name}: no figures.`;
  return (
    `${trend.name}: ${formatCount(first.current)} open cases in ${formatMonth(first.month)}, ` +
    `${formatCount(last.current)} in ${formatMonth(last.month)}` +
    (last.target != null ? ` against a target of ${formatCount(last.target)}.` : '; no target.')
  );
}

export function CaseloadTrend({ trends }: { trends: DistrictTrend[] }) {
  const months = trends[0]?.points.map((p) => p.month) ?? [];
  const max = Math.max(1, ...trends.flatMap((t) => t.points.flatMap((p) => [p.current ?? 0, p.target ?? 0])));
  return (
    <>
      <ul className="chart-legend" aria-hidden="true">
        <li><span className="swatch" />Open caseload</li>
        <li><span className="swatch swatch--target" />Target</li>
      </ul>
      <div className="small-multiples">
        {trends.map((trend) => (
          <figure key={trend.code}>
            <figcaption>{trend.name}</figcaption>
            <div role="img" aria-label={trendSummary(trend)}>
              <ResponsiveContainer width="100%" height={160}>
                <LineChart data={trend.points.map((p) => ({ ...p, label: formatMonthShort(p.month) }))} margin={{ top: 8, right: 12, bottom: 0, left: 0 }}>
                  <CartesianGrid stroke="#e5e5e5" vertical={false} />
                  <XAxis dataKey="label" tick={{ fill: '#0b0c0c', fontSize: 12 }} minTickGap={24} />
                  <YAxis tick={{ fill: '#0b0c0c', fontSize: 12 }} domain={[0, Math.ceil((max * 1.05) / 100) * 100]} width={44} tickFormatter={(v: number) => formatCount(v)} />
                  <Line type="stepAfter" dataKey="target" stroke="#0b0c0c" strokeDasharray="6 3" strokeWidth={2} dot={false} isAnimationActive={false} />
                  <Line type="linear" dataKey="current" stroke={COLOURS.current} strokeWidth={3} dot={{ r: 2 }} isAnimationActive={false} />
                </LineChart>
              </ResponsiveContainer>
            </div>
          </figure>
        ))}
      </div>
      <TableScroll label="Open caseload by month and district">
        <table className="table">
          <caption>Open caseload by month and district (target beneath)</caption>
          <thead>
            <tr>
              <th scope="col">Month</th>
              {trends.map((t) => (
                <th key={t.code} scope="col" className="num">{t.name}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {months.map((month, i) => (
              <tr key={month}>
                <th scope="row">{formatMonth(month)}</th>
                {trends.map((t) => {
                  const p = t.points[i]!;
                  return (
                    <td key={t.code} className="num">
                      {formatCount(p.current)}
                      <span className="cell-note">{p.target != null ? `target ${formatCount(p.target)}` : 'no target'}</span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
