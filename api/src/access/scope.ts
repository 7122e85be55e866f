// A contributor's scope: a set of geographies (KENT, area or district codes). The county includes
// everything and an area its districts; a contributor may write for a geography inside their scope only.

export interface DistrictRef { code: string; areaCode: string }

export const COUNTY_CODE = 'KENT';

/** Whether `scope` (null: no restriction) covers the geography `code` (KENT, an area or a district). */
export function scopeCovers(scope: readonly string[] | null, code: string, districts: readonly DistrictRef[]): boolean {
  if (scope === null || scope.includes(COUNTY_CODE) || scope.includes(code)) return true;
  // A district inside an area of the scope.
  const district = districts.find((d) => d.code === code);
  return !!district && scope.includes(district.areaCode);
}
