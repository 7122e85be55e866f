// Publication mode: statistical disclosure control for figures released outside the council.
//
// The rule (docs/exports.md states it in full):
// - Primary suppression: a count from 1 to 4 (a numerator, a denominator, or a count indicator's value)
//   at district level is suppressed and shown as `c`, as UK official statistics do. Zero is not
//   suppressed: a true zero discloses nothing about any person.
// - Any rate made from a suppressed count is suppressed too (otherwise rate x denominator gives it back),
//   and so is the RAG status of a suppressed value (it would place the value in a band).
// - Secondary suppression: districts sum to their area and areas to the county, and those totals are
//   published. For each measure, every sum (an area over its districts, the county over its areas) must
//   not have exactly one suppressed term, or that term is the total minus the others. Where it has, the
//   smallest other term is suppressed as well (non-zero terms first, ties by code).
// - Totals stay: the county is never suppressed. An area total is suppressed only when it cannot be
//   protected otherwise, i.e. an area of a single district (its total is that district's figure); it is
//   then protected at county level like any other term.
// The module is pure: it decides which cells to suppress from the district figures alone, so every export
// of the same month (any geography, CSV or workbook) hides the same cells.

export const SUPPRESSION_MARK = 'c';

/** The smallest and largest count suppressed at district level. */
export const PRIMARY_MIN = 1;
export const PRIMARY_MAX = 4;

export const SUPPRESSION_RULE =
  'Publication mode: any count from 1 to 4 at district level (a numerator, a denominator or a count ' +
  'indicator’s value), and every rate and status made from it, is shown as "c". So that no such figure can be ' +
  'recovered by subtracting the others from an area or county total, the smallest other district of the same ' +
  'area is suppressed too wherever an area would otherwise have exactly one suppressed district (an area made ' +
  'of a single district has its area figure suppressed and protected in the same way at county level). Zero is ' +
  'not suppressed. Area and county totals are published.';

export type SuppressionReason = 'primary' | 'secondary';

export interface DistrictRef {
  code: string;
  areaCode: string;
}

/** Which cells of one measure (e.g. one indicator's numerator in one month) are suppressed. */
export interface MeasureSuppression {
  districts: Map<string, SuppressionReason>;
  areas: Map<string, SuppressionReason>;
}

/** True for a count that primary suppression hides (1 to 4; zero and larger counts are published). */
export function isSmallCount(value: number | null | undefined): boolean {
  return value != null && value >= PRIMARY_MIN && value <= PRIMARY_MAX;
}

interface Cell {
  kind: 'district' | 'area';
  code: string;
  value: number;
}

/**
 * Primary and secondary suppression of one additive measure. `values` gives each district's figure
 * (null or missing: no figure, treated as 0 in sums and never suppressed).
 */
export function protectMeasure(
  districts: readonly DistrictRef[],
  values: ReadonlyMap<string, number | null>,
): MeasureSuppression {
  const result: MeasureSuppression = { districts: new Map(), areas: new Map() };
  const districtCells = new Map<string, Cell>();
  const areaCells = new Map<string, Cell>();
  const members = new Map<string, Cell[]>();
  for (const district of districts) {
    const cell: Cell = { kind: 'district', code: district.code, value: values.get(district.code) ?? 0 };
    districtCells.set(district.code, cell);
    let area = areaCells.get(district.areaCode);
    if (!area) {
      area = { kind: 'area', code: district.areaCode, value: 0 };
      areaCells.set(district.areaCode, area);
      members.set(district.areaCode, []);
    }
    area.value += cell.value;
    members.get(district.areaCode)!.push(cell);
    if (isSmallCount(values.get(district.code))) result.districts.set(district.code, 'primary');
  }

  const suppressed = (cell: Cell) =>
    (cell.kind === 'district' ? result.districts : result.areas).has(cell.code);
  const suppress = (cell: Cell) =>
    (cell.kind === 'district' ? result.districts : result.areas).set(cell.code, 'secondary');

  // Each equation: a total and the terms summing to it. `total` null: the county, never suppressed.
  const equations: { total: Cell | null; terms: Cell[] }[] = [
    ...[...areaCells.values()].map((area) => ({ total: area, terms: members.get(area.code)! })),
    { total: null, terms: [...areaCells.values()] },
  ];

  // Suppressions only grow, so this reaches a fixed point in at most (cells) rounds.
  for (let changed = true; changed; ) {
    changed = false;
    for (const { total, terms } of equations) {
      const cells = total ? [total, ...terms] : terms;
      if (cells.filter(suppressed).length !== 1) continue;
      const candidate = smallest(terms.filter((cell) => !suppressed(cell)));
      if (candidate) {
        suppress(candidate);
        changed = true;
      } else if (total && !suppressed(total)) {
        // Every term but none else: only the total is left to hide (a single-district area).
        suppress(total);
        changed = true;
      }
      // Otherwise the county alone would be left: the county total is always published.
    }
  }
  return result;
}

/** The smallest figure, preferring non-zero ones (hiding a zero protects little), ties by code. */
function smallest(cells: Cell[]): Cell | undefined {
  const order = (a: Cell, b: Cell) =>
    Number(a.value === 0) - Number(b.value === 0) || a.value - b.value || (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
  return [...cells].sort(order)[0];
}

// Indicators -------------------------------------------------------------------------------------------

export interface IndicatorDistrictFigures {
  code: string;
  numerator: number | null;
  denominator: number | null;
}

/** Which parts of one geography's figure are hidden. `value` covers the rate (or count) and its status. */
export interface CellSuppression {
  numerator: boolean;
  denominator: boolean;
  value: boolean;
}

export const NOT_SUPPRESSED: CellSuppression = Object.freeze({ numerator: false, denominator: false, value: false });

export interface IndicatorSuppression {
  districts: Map<string, CellSuppression>;
  areas: Map<string, CellSuppression>;
}

/**
 * Suppression of one indicator in one month from its district figures. Numerator and denominator are
 * protected separately (each is additive over districts); the value is hidden when either is.
 */
export function suppressIndicator(
  districts: readonly DistrictRef[],
  figures: readonly IndicatorDistrictFigures[],
): IndicatorSuppression {
  const numerators = new Map(figures.map((f) => [f.code, f.numerator]));
  const denominators = new Map(figures.map((f) => [f.code, f.denominator]));
  const byNumerator = protectMeasure(districts, numerators);
  const byDenominator = protectMeasure(districts, denominators);
  const combine = (numerator: boolean, denominator: boolean): CellSuppression => ({
    numerator, denominator, value: numerator || denominator,
  });
  const result: IndicatorSuppression = { districts: new Map(), areas: new Map() };
  for (const district of districts) {
    const cell = combine(byNumerator.districts.has(district.code), byDenominator.districts.has(district.code));
    if (cell.value) result.districts.set(district.code, cell);
  }
  for (const areaCode of new Set(districts.map((d) => d.areaCode))) {
    const cell = combine(byNumerator.areas.has(areaCode), byDenominator.areas.has(areaCode));
    if (cell.value) result.areas.set(areaCode, cell);
  }
  return result;
}

/** Suppression of many indicators (or other measures) for one month, looked up by geography. */
export class SuppressionPlan {
  constructor(private readonly byCode: ReadonlyMap<string, IndicatorSuppression>) {}

  /** An empty plan: nothing suppressed (publication mode off). */
  static none(): SuppressionPlan {
    return new SuppressionPlan(new Map());
  }

  /** What is hidden of `code` at a geography; the county is never suppressed. */
  cell(code: string, geography: { type: 'county' | 'area' | 'district'; code: string }): CellSuppression {
    const plan = this.byCode.get(code);
    if (!plan || geography.type === 'county') return NOT_SUPPRESSED;
    const map = geography.type === 'area' ? plan.areas : plan.districts;
    return map.get(geography.code) ?? NOT_SUPPRESSED;
  }
}

/** Builds a month's plan from every indicator's district figures. */
export function planSuppression(
  districts: readonly DistrictRef[],
  figuresByCode: ReadonlyMap<string, readonly IndicatorDistrictFigures[]>,
): SuppressionPlan {
  const plans = new Map<string, IndicatorSuppression>();
  for (const [code, figures] of figuresByCode) plans.set(code, suppressIndicator(districts, figures));
  return new SuppressionPlan(plans);
}

