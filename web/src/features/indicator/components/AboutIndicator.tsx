import type { Comparator, IndicatorInfo } from '../../../api/types';
import { formatMonth, formatValue, isMonth } from '../../../lib/format';

const POLARITY: Record<IndicatorInfo['polarity'], string> = {
  higher_is_better: 'Higher is better',
  lower_is_better: 'Lower is better',
};

const YEAR_BASIS: Record<IndicatorInfo['yearBasis'], string> = {
  financial: 'Financial year (April to March); targets apply to every month of the year',
  academic: 'Academic year (September to August); targets apply to every month of the year',
};

export function AboutIndicator({ info, comparators }: { info: IndicatorInfo; comparators: Comparator[] | undefined }) {
  return (
    <section className="about" aria-labelledby="about-heading">
      <h2 id="about-heading">About this indicator</h2>
      <dl>
        <dt>Definition</dt>
        <dd>{info.definition}</dd>
        <dt>{info.unit === 'percent' ? 'Numerator' : 'What is counted'}</dt>
        <dd>{info.numerator ?? 'Not given'}</dd>
        {info.unit === 'percent' && (
          <>
            <dt>Denominator</dt>
            <dd>{info.denominator ?? 'Not given'}</dd>
          </>
        )}
        <dt>Polarity</dt>
        <dd>{POLARITY[info.polarity] ?? info.polarity}</dd>
        <dt>Year basis</dt>
        <dd>{YEAR_BASIS[info.yearBasis] ?? info.yearBasis}</dd>
        <dt>Source dataset</dt>
        <dd>{info.source}</dd>
        <dt>Comparators</dt>
        <dd>
          {comparators && comparators.length > 0 ? (
            <ul className="plain-list">
              {comparators.map((c) => (
                <li key={`${c.comparator}-${c.period}`}>
                  {c.comparator}: <strong>{formatValue(c.value, info.unit)}</strong> ({isMonth(c.period) ? formatMonth(c.period) : c.period})
                </li>
              ))}
            </ul>
          ) : (
            'No comparator figure (such as England) is held for this indicator.'
          )}
        </dd>
      </dl>
    </section>
  );
}
