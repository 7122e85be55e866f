// Districts, areas and the county: the reference data every other query is scoped by.
import type { Db } from '../db/kysely.js';
import { badRequest } from '../lib/errors.js';
import { COUNTY_CODE } from '../indicators/status.js';
import type { Geography as NamedGeography } from '../schemas/common.js';

export interface District { code: string; name: string; areaCode: string; areaName: string }

/** A geography as the API names it, with the districts it sums. */
export interface Geography extends NamedGeography {
  /** The districts whose numerators and denominators are summed for this geography. */
  districtCodes: string[];
}

export const COUNTY_NAME = 'Kent';

/** Every district with its area, ordered by area name then district name. */
export async function loadDistricts(db: Db): Promise<District[]> {
  const rows = await db.selectFrom('districts')
    .select(['district_code', 'district_name', 'area_code', 'area_name'])
    .orderBy('area_name').orderBy('district_name')
    .execute();
  return rows.map((r) => ({ code: r.district_code, name: r.district_name, areaCode: r.area_code, areaName: r.area_name }));
}

export function county(districts: readonly District[]): Geography {
  return { type: 'county', code: COUNTY_CODE, name: COUNTY_NAME, districtCodes: districts.map((d) => d.code) };
}

/** The areas, each with its districts, in the order of `districts`. */
export function areas(districts: readonly District[]): Geography[] {
  const byCode = new Map<string, Geography>();
  for (const d of districts) {
    let area = byCode.get(d.areaCode);
    if (!area) {
      area = { type: 'area', code: d.areaCode, name: d.areaName, districtCodes: [] };
      byCode.set(d.areaCode, area);
    }
    area.districtCodes.push(d.code);
  }
  return [...byCode.values()];
}

export function districtGeography(d: District): Geography {
  return { type: 'district', code: d.code, name: d.name, districtCodes: [d.code] };
}

/** The geography named by the `area` / `district` query parameters (none = the county). */
export function resolveGeography(
  districts: readonly District[],
  query: { area?: string; district?: string },
): Geography {
  if (query.area !== undefined && query.district !== undefined) {
    throw badRequest(`give either area or district, not both (got area=${query.area} and district=${query.district})`);
  }
  if (query.area !== undefined) {
    const area = areas(districts).find((a) => a.code === query.area);
    if (!area) {
      throw badRequest(`unknown area '${query.area}' (known areas: ${areas(districts).map((a) => a.code).join(', ') || 'none loaded'})`);
    }
    return area;
  }
  if (query.district !== undefined) {
    const district = districts.find((d) => d.code === query.district);
    if (!district) {
      throw badRequest(`unknown district '${query.district}' (known districts: ${districts.map((d) => d.code).join(', ') || 'none loaded'})`);
    }
    return districtGeography(district);
  }
  return county(districts);
}

/** The districts or areas inside a geography (for series broken down `by`). */
export function breakdown(districts: readonly District[], geography: Geography, by: 'district' | 'area'): Geography[] {
  const inside = new Set(geography.districtCodes);
  if (by === 'district') return districts.filter((d) => inside.has(d.code)).map(districtGeography);
  if (geography.type === 'district') {
    throw badRequest(`by=area needs the county or an area, not district=${geography.code}`);
  }
  return areas(districts).filter((a) => a.districtCodes.some((code) => inside.has(code)));
}
