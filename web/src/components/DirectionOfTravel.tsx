// Direction of travel as an arrow with words. The arrow shows which way the value moves; the words say
// whether that is good, given the indicator's polarity.
import type { Direction, Polarity } from '../api/types';

export function directionWords(direction: Direction, polarity: Polarity): { arrow: string; label: string; movement: string } {
  if (direction === null) return { arrow: '', label: 'Not enough data', movement: '' };
  if (direction === 'stable') return { arrow: '→', label: 'Stable', movement: 'no clear trend' };
  const rising = (direction === 'improving') === (polarity === 'higher_is_better');
  return {
    arrow: rising ? '↑' : '↓',
    label: direction === 'improving' ? 'Improving' : 'Worsening',
    movement: rising ? 'rising' : 'falling',
  };
}

export function DirectionOfTravel({ direction, polarity }: { direction: Direction; polarity: Polarity }) {
  const { arrow, label, movement } = directionWords(direction, polarity);
  return (
    <span className={`direction direction--${direction ?? 'none'}`}>
      {arrow && (
        <span className="direction__arrow" aria-hidden="true">
          {arrow}
        </span>
      )}
      <span>{label}</span>
      {movement && direction !== 'stable' && <span className="direction__movement"> ({movement})</span>}
    </span>
  );
}
