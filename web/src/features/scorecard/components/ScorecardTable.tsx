// The scorecard: one row per indicator, grouped by theme. A row opens the indicator's page (the title is
// the link, so it works by keyboard; a click anywhere on the row does the same).
import { useId } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import type { Coverage, Direction, Polarity, ScorecardBenchmark, Status, YearBasis } from '../../../api/types';
import { COVERAGE_TEXT, PartialTag } from '../../../components/Coverage';
import { DirectionOfTravel } from '../../../components/DirectionOfTravel';
import { Sparkline, type SparkPoint } from '../../../components/Sparkline';
import { StatusBadge } from '../../../components/StatusBadge';
import { bandText, figureTexts, formatCount, formatPublished, formatValue, NO_VALUE, type Unit } from '../../../lib/format';
import { formatTargetNote, formatTargetYear } from '../../../lib/years';
import { STATE_WORDS, type CommentaryState } from '../../commentary/api/commentary';
import { TableScroll } from '../../../components/TableScroll';

export interface ScorecardRowData {
  code: string;
  title: string;
  unit: Unit;
  polarity: Polarity;
  yearBasis?: YearBasis;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  numeratorText?: string | null;
  denominatorText?: string | null;
  target: number | null;
  floor: number | null;
  /** Null without a target. */
  floorAssumed: boolean | null;
  /** Null for a measure without a year basis (the API's series of context measures). */
  targetYear: number | null;
  targetCarriedForward?: boolean;
  targetFromYear?: number | null;
  status: Status;
  coverage: Coverage;
  direction: Direction;
  previousYearValue: number | null;
  /** The row's 24 months from the scorecard; null when the API gave none. */
  sparkline: SparkPoint[] | undefined | null;
  href: string;
  /** DfE's published figures (county rows of KPIs with a benchmark measure). */
  benchmark?: ScorecardBenchmark | null;
  /** The month's commentary at this geography: its state (null: none written); undefined when not read. */
  commentary?: { state: CommentaryState; required: boolean } | null;
}

export interface ScorecardGroup {
  theme: string;
  rows: ScorecardRowData[];
}

export function ScorecardTable({ groups, caption }: { groups: ScorecardGroup[]; caption: string }) {
  // Benchmarks are the authority's: the column appears on the county's scorecard only.
  const benchmarks = groups.some((g) => g.rows.some((r) => r.benchmark != null));
  // Left out until the commentary is read (the published view's for partners and on a published month).
  const commentary = groups.some((g) => g.rows.some((r) => r.commentary !== undefined));
  const columns = 8 + (benchmarks ? 1 : 0) + (commentary ? 1 : 0);
  return (
    <TableScroll label={caption}>
      <table className="table scorecard-table">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Indicator</th>
            <th scope="col" className="num">
              Value
            </th>
            <th scope="col" className="num">
              Target
            </th>
            <th scope="col" className="num">
              Floor
            </th>
            <th scope="col">Status</th>
            <th scope="col">Direction of travel</th>
            <th scope="col">Last 24 months</th>
            <th scope="col" className="num">
              Last year
            </th>
            {benchmarks && <th scope="col">Compared with England (DfE)</th>}
            {commentary && <th scope="col">Commentary</th>}
          </tr>
        </thead>
        {groups.map((group) => (
          <tbody key={group.theme}>
            <tr className="theme-row">
              <th scope="colgroup" colSpan={columns}>
                <span className="theme-row__name">{group.theme}</span>
              </th>
            </tr>
            {group.rows.map((row) => (
              <ScorecardRow key={row.code} row={row} benchmarks={benchmarks} commentary={commentary} />
            ))}
          </tbody>
        ))}
      </table>
    </TableScroll>
  );
}

function ScorecardRow({ row, benchmarks, commentary }: { row: ScorecardRowData; benchmarks: boolean; commentary: boolean }) {
  const navigate = useNavigate();
  const text = figureTexts(row);
  return (
    <tr
      className="scorecard-row"
      data-code={row.code}
      onClick={(event) => {
        if ((event.target as HTMLElement).closest('a, button')) return;
        navigate(row.href);
      }}
    >
      <th scope="row" className="scorecard-row__title">
        <Link to={row.href}>{row.title}</Link>
      </th>
      <td className="num">
        {row.coverage === 'none' ? (
          <span className="no-value">
            {NO_VALUE}
            <span className="visually-hidden">no value</span>
          </span>
        ) : (
          <ValueWithDetail row={row} text={text.value} />
        )}
        <PartialTag coverage={row.coverage} />
      </td>
      <td className="num">
        {text.target}
        {row.targetYear != null && row.target != null && (
          <span className="cell-note">{formatTargetNote(row, row.yearBasis)}</span>
        )}
      </td>
      <td className="num">
        {text.floor}
        {row.floor != null && row.floorAssumed && <span className="tag tag--assumed">assumed</span>}
      </td>
      <td>
        <StatusBadge status={row.status} explain coverage={row.coverage} />
      </td>
      <td>
        <DirectionOfTravel direction={row.direction} polarity={row.polarity} />
      </td>
      <td className="sparkline-cell">
        {row.sparkline === undefined ? (
          <span className="sparkline sparkline--loading">Loading trend…</span>
        ) : row.sparkline === null ? (
          <span className="sparkline sparkline--empty">Trend unavailable</span>
        ) : (
          <Sparkline points={row.sparkline} unit={row.unit} label="Last 24 months" />
        )}
      </td>
      <td className="num">{formatValue(row.previousYearValue, row.unit)}</td>
      {benchmarks && (
        <td className="benchmark-cell">
          <BenchmarkSummary benchmark={row.benchmark ?? null} />
        </td>
      )}
      {commentary && (
        <td className="commentary-cell">
          <CommentaryStateWords commentary={row.commentary ?? null} />
        </td>
      )}
    </tr>
  );
}

/** Whether the row has commentary this month, and its state, in words. */
function CommentaryStateWords({ commentary }: { commentary: ScorecardRowData['commentary'] }) {
  if (!commentary) {
    return (
      <span className="no-value">
        {NO_VALUE}
        <span className="visually-hidden">no commentary</span>
      </span>
    );
  }
  return <span className={`commentary-state commentary-state--${commentary.state}`}>{STATE_WORDS[commentary.state]}</span>;
}

/** England's published figure for the period and the authority's quartile band, in words as well as a letter. */
export function BenchmarkSummary({ benchmark }: { benchmark: ScorecardBenchmark | null }) {
  if (!benchmark) {
    return (
      <span className="no-value">
        {NO_VALUE}
        <span className="visually-hidden">no published comparison</span>
      </span>
    );
  }
  return (
    <>
      <span className="benchmark-cell__england">
        England {formatPublished(benchmark.england, benchmark.unit)}
        <span className="cell-note">
          {benchmark.period}
          {benchmark.comparable === 'rate' ? `, as a rate: ${benchmark.unit}` : ''}
        </span>
      </span>
      {benchmark.band != null && benchmark.rank != null ? (
        <span className={`band band--${benchmark.band}`}>{bandText(benchmark.band, benchmark.of)}</span>
      ) : (
        <span className="cell-note">Not ranked</span>
      )}
    </>
  );
}

/** The value; on hover or keyboard focus it shows the numerator and denominator behind it. */
function ValueWithDetail({ row, text }: { row: ScorecardRowData; text: string }) {
  const id = useId();
  const detail =
    row.unit === 'percent'
      ? `${formatCount(row.numerator)} of ${formatCount(row.denominator)}`
      : `Count: ${formatCount(row.numerator ?? row.value)}`;
  return (
    <span className="value-detail">
      <button type="button" className="value-detail__button" aria-describedby={id}>
        {text}
      </button>
      <span role="tooltip" id={id} className="value-detail__tip">
        <strong>{detail}</strong>
        {row.numeratorText && (
          <span className="value-detail__line">
            {row.unit === 'percent' ? 'Numerator: ' : 'Counted: '}
            {row.numeratorText}
          </span>
        )}
        {row.unit === 'percent' && row.denominatorText && (
          <span className="value-detail__line">Denominator: {row.denominatorText}</span>
        )}
        {row.coverage === 'partial' && (
          <span className="value-detail__line">
            {COVERAGE_TEXT.partial.label}: {COVERAGE_TEXT.partial.meaning}.
          </span>
        )}
      </span>
    </span>
  );
}
