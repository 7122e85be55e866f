// Open early help caseload by district at a month, against the baseline and target effective then.
import type { Db } from '../db/kysely.js';
import type { Coverage } from '../indicators/status.js';
import { monthToDate } from '../lib/months.js';
import type { CaseloadRow, CaseloadsResponse, DistrictCaseloadRow } from '../schemas/caseloads.js';
import { areas, county, type District, type Geography } from './geography.js';
import { sumResults } from './results.js';

export const CASELOAD_CODE = 'caseload_open';

/**
 * Districts: caseload_open at M; baseline and target from the caseload_targets row with the latest
 * effective_from ≤ M (null before any); `current` is null where `coverage` (caseload_open's at M) is none.
 * Areas and the county sum their districts; a sum is null when any of its districts has no figure, so a
 * total never silently leaves a district out.
 */
export async function getCaseloads(
  db: Db, districts: readonly District[], month: string, coverage: Coverage = 'full',
): Promise<CaseloadsResponse> {
  const [results, effective] = await Promise.all([
    sumResults(db, { codes: [CASELOAD_CODE], from: month, to: month, districtCodes: null, perDistrict: true }),
    db.selectFrom('caseload_targets')
      .select(['district_code', 'baseline', 'target'])
      .distinctOn('district_code')
      .where('effective_from', '<=', monthToDate(month))
      .orderBy('district_code').orderBy('effective_from', 'desc')
      .execute(),
  ]);
  // Outside the early help cases' coverage the open caseload is unknown, not zero.
  const current = new Map(coverage === 'none' ? [] : results.map((r) => [r.districtCode, r.numerator]));
  const targets = new Map(effective.map((r) => [r.district_code, r]));
  const districtRows = districts.map((d): DistrictCaseloadRow => ({
    code: d.code,
    name: d.name,
    areaCode: d.areaCode,
    current: current.get(d.code) ?? null,
    baseline: targets.get(d.code)?.baseline ?? null,
    target: targets.get(d.code)?.target ?? null,
    coverage,
  }));
  const byCode = new Map(districtRows.map((r) => [r.code, r]));
  const total = (g: Geography): CaseloadRow => {
    const rows = g.districtCodes.map((code) => byCode.get(code)!);
    const sum = (field: 'current' | 'baseline' | 'target') =>
      rows.length > 0 && rows.every((r) => r[field] !== null) ? rows.reduce((s, r) => s + r[field]!, 0) : null;
    return {
      code: g.code, name: g.name, areaCode: g.type === 'area' ? g.code : null,
      current: sum('current'), baseline: sum('baseline'), target: sum('target'), coverage,
    };
  };
  return { month, districts: districtRows, areas: areas(districts).map(total), county: total(county(districts)) };
}
