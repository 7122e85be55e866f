// A small line of the last months' values with the target drawn as a dashed step line; months whose window
// is only partly covered are hollow dots (shape, not colour alone). Its text alternative (aria-label) states
// the first and last values, the latest target and how many months are partial.
import type { Coverage } from '../api/types';
import type { Unit } from '../lib/format';
import { formatMonth, formatValue } from '../lib/format';

export interface SparkPoint {
  month: string;
  value: number | null;
  target: number | null;
  coverage?: Coverage;
}

const WIDTH = 120;
const HEIGHT = 32;
const PAD = 3;

export function sparklineSummary(points: SparkPoint[], unit: Unit): string {
  const withValue = points.filter((p) => p.value != null);
  if (withValue.length === 0) return 'No values in the period';
  const first = withValue[0]!;
  const last = withValue[withValue.length - 1]!;
  const target = points[points.length - 1]?.target;
  const partial = withValue.filter((p) => p.coverage === 'partial').length;
  return (
    `${formatValue(first.value, unit)} in ${formatMonth(first.month)} to ${formatValue(last.value, unit)} in ${formatMonth(last.month)}` +
    (target != null ? `; target ${formatValue(target, unit)}` : '; no target') +
    (partial ? `; ${partial === 1 ? '1 month' : `${partial} months`} with a partial window (hollow, not scored)` : '')
  );
}

export function Sparkline({ points, unit, label }: { points: SparkPoint[]; unit: Unit; label?: string }) {
  const numbers = points.flatMap((p) => [p.value, p.target]).filter((v): v is number => v != null);
  const summary = `${label ? `${label}: ` : ''}${sparklineSummary(points, unit)}`;
  if (numbers.length === 0 || points.length === 0) {
    return <span className="sparkline sparkline--empty">No trend</span>;
  }
  let min = Math.min(...numbers);
  let max = Math.max(...numbers);
  if (min === max) {
    min -= 1;
    max += 1;
  }
  const x = (i: number) => PAD + (points.length === 1 ? (WIDTH - 2 * PAD) / 2 : (i * (WIDTH - 2 * PAD)) / (points.length - 1));
  const y = (v: number) => PAD + ((max - v) * (HEIGHT - 2 * PAD)) / (max - min);

  // Value line, broken where a month has no value.
  const segments: string[] = [];
  let current: string[] = [];
  points.forEach((p, i) => {
    if (p.value == null) {
      if (current.length) segments.push(current.join(' '));
      current = [];
    } else current.push(`${x(i).toFixed(1)},${y(p.value).toFixed(1)}`);
  });
  if (current.length) segments.push(current.join(' '));

  // Target as a step line (it changes only when the target year changes).
  const targetPath: string[] = [];
  points.forEach((p, i) => {
    if (p.target == null) return;
    const prev = points[i - 1];
    const left = i === 0 ? PAD : (x(i - 1) + x(i)) / 2;
    const right = i === points.length - 1 ? WIDTH - PAD : (x(i) + x(i + 1)) / 2;
    const command = prev?.target != null ? 'L' : 'M';
    targetPath.push(`${command}${left.toFixed(1)},${y(p.target).toFixed(1)} L${right.toFixed(1)},${y(p.target).toFixed(1)}`);
  });

  const last = [...points].reverse().find((p) => p.value != null);
  const lastIndex = last ? points.lastIndexOf(last) : -1;

  return (
    <svg className="sparkline" viewBox={`0 0 ${WIDTH} ${HEIGHT}`} width={WIDTH} height={HEIGHT} role="img" aria-label={summary}>
      <title>{summary}</title>
      {targetPath.length > 0 && <path className="sparkline__target" d={targetPath.join(' ')} />}
      {segments.map((segment, i) =>
        segment.includes(' ') ? (
          <polyline key={i} className="sparkline__line" points={segment} />
        ) : (
          <circle key={i} className="sparkline__dot" cx={segment.split(',')[0]} cy={segment.split(',')[1]} r="1.5" />
        ),
      )}
      {points.map((p, i) =>
        p.value != null && p.coverage === 'partial' ? (
          <circle key={`partial-${p.month}`} className="sparkline__partial" cx={x(i)} cy={y(p.value)} r="2" data-month={p.month} />
        ) : null,
      )}
      {last && last.value != null && last.coverage !== 'partial' && <circle className="sparkline__last" cx={x(lastIndex)} cy={y(last.value)} r="2.5" />}
    </svg>
  );
}
