// Every district (or area) side by side for one month, best first, coloured by status, each with its
// target marked. Each bar is a button: choosing one (mouse or keyboard) moves the page to that geography.
import type { Breakdown, Polarity, SeriesPoint } from '../../../api/types';
import { StatusShape, STATUS_LABEL } from '../../../components/StatusBadge';
import { FigureCells, FigureHeaders } from './FigureColumns';
import { figureTexts, type Unit } from '../../../lib/format';
import { TableScroll } from '../../../components/TableScroll';

export interface ComparisonItem extends SeriesPoint {
  name: string;
}

export function sortBest(items: ComparisonItem[], polarity: Polarity): ComparisonItem[] {
  return [...items].sort((a, b) => {
    if (a.value == null) return b.value == null ? a.name.localeCompare(b.name) : 1;
    if (b.value == null) return -1;
    return polarity === 'higher_is_better' ? b.value - a.value : a.value - b.value;
  });
}

export function ComparisonBars({
  items,
  unit,
  polarity,
  selectedCode,
  level,
  onChoose,
}: {
  items: ComparisonItem[];
  unit: Unit;
  polarity: Polarity;
  selectedCode?: string;
  level: Breakdown;
  onChoose: (code: string) => void;
}) {
  const sorted = sortBest(items, polarity);
  const max = Math.max(0, ...sorted.flatMap((i) => [i.value ?? 0, i.target ?? 0, i.floor ?? 0])) * 1.05 || 1;
  const pct = (v: number) => `${Math.max(0, Math.min(100, (v / max) * 100)).toFixed(2)}%`;
  const noun = level === 'district' ? 'district' : 'area';
  return (
    <>
      <p className="visually-hidden">
        {sorted.length} {noun}s, {polarity === 'higher_is_better' ? 'highest' : 'lowest'} (best) first. Choose one to show its figures.
      </p>
      <ol className="compare" aria-label={`${noun[0]!.toUpperCase()}${noun.slice(1)}s compared, best first`}>
        {sorted.map((item) => {
          const text = figureTexts({ ...item, unit });
          return (
            <li key={item.geographyCode} className="compare__item">
              <button
                type="button"
                className="compare__button"
                aria-current={item.geographyCode === selectedCode ? 'true' : undefined}
                onClick={() => onChoose(item.geographyCode)}
              >
                <span>{item.name}</span>
                <span className="compare__track" aria-hidden="true">
                  {item.value != null && <span className={`compare__bar compare__bar--${item.status}`} style={{ width: pct(item.value) }} />}
                  {item.target != null && <span className="compare__target" style={{ left: pct(item.target) }} />}
                </span>
                <span className="compare__value">
                  <strong>{text.value}</strong> <StatusShape status={item.status} />{' '}
                  <span>{STATUS_LABEL[item.status]}</span>
                  {item.coverage === 'partial' && <span className="visually-hidden">, partial window</span>}
                  {item.target != null && <span className="visually-hidden">, target {text.target}</span>}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
      <ul className="chart-legend" aria-hidden="true">
        <li><span className="swatch swatch--target" />Target</li>
      </ul>
      <TableScroll label={`Figures by ${noun}, best first`}>
      <table className="table">
        <caption>Figures by {noun}, best first</caption>
        <thead>
          <tr>
            <th scope="col">{noun === 'district' ? 'District' : 'Area'}</th>
            <FigureHeaders unit={unit} />
          </tr>
        </thead>
        <tbody>
          {sorted.map((item) => (
            <tr key={item.geographyCode} className={item.geographyCode === selectedCode ? 'is-selected' : undefined}>
              <th scope="row">{item.name}</th>
              <FigureCells unit={unit} figures={item} />
            </tr>
          ))}
        </tbody>
      </table>
      </TableScroll>
    </>
  );
}
