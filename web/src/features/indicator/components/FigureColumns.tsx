// The figure columns shared by the indicator page's tables (trend by month, comparison by geography):
// value, numerator and denominator for percentages, target, floor and status.
import type { SeriesPoint } from '../../../api/types';
import { PartialTag } from '../../../components/Coverage';
import { StatusBadge } from '../../../components/StatusBadge';
import { figureTexts, formatCount, type Unit } from '../../../lib/format';
import { formatTargetYear } from '../../../lib/years';

export function FigureHeaders({ unit }: { unit: Unit }) {
  return (
    <>
      <th scope="col" className="num">Value</th>
      {unit === 'percent' && <th scope="col" className="num">Numerator</th>}
      {unit === 'percent' && <th scope="col" className="num">Denominator</th>}
      <th scope="col" className="num">Target</th>
      <th scope="col" className="num">Floor</th>
      <th scope="col">Status</th>
    </>
  );
}

type Figures = Pick<SeriesPoint, 'value' | 'numerator' | 'denominator' | 'target' | 'floor' | 'status' | 'coverage' | 'targetCarriedForward' | 'targetFromYear'>;

export function FigureCells({ unit, figures }: { unit: Unit; figures: Figures }) {
  const text = figureTexts({ ...figures, unit });
  return (
    <>
      <td className="num">
        {text.value}
        <PartialTag coverage={figures.coverage} />
      </td>
      {unit === 'percent' && <td className="num">{formatCount(figures.numerator)}</td>}
      {unit === 'percent' && <td className="num">{formatCount(figures.denominator)}</td>}
      <td className="num">
        {text.target}
        {figures.target != null && figures.targetCarriedForward && figures.targetFromYear != null && (
          <span className="cell-note">carried forward from {formatTargetYear(figures.targetFromYear)}</span>
        )}
      </td>
      <td className="num">{text.floor}</td>
      <td><StatusBadge status={figures.status} coverage={figures.coverage} /></td>
    </>
  );
}
