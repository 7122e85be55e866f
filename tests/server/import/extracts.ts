// A complete monthly extract (every dataset, reference data included) written by hand-made rules rather than
// by the fixture generator: small, quick, and with every identifier prefixed by the extract's seed, so two
// seeds share no identifier at all (not even LSOA or centre codes). Rows are plausible enough for every
// indicator view to count something; the import tests compare figures, not published values.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';

export interface ExtractOptions {
  /** Prefix of every identifier and code of the extract (other than districts and indicator codes). */
  seed: string;
  /** Children, cases and pupils per dataset, roughly; the large datasets have several times as many rows. */
  size: number;
  /** [district_code, district_name, area_code, area_name] */
  districts: readonly (readonly [string, string, string, string])[];
}

/** A deterministic generator (mulberry32) seeded from the text. */
function randomFrom(seed: string): () => number {
  let state = [...seed].reduce((h, c) => Math.imul(h ^ c.charCodeAt(0), 2654435761) >>> 0, 1779033703);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const DAY = 86_400_000;
const FIRST_DAY = Date.UTC(2015, 3, 1);
const date = (days: number) => new Date(FIRST_DAY + days * DAY).toISOString().slice(0, 10);

/** Writes `<dataset>.csv` for every dataset into `dir` and returns the rows written per dataset. */
export async function writeExtract(dir: string, { seed, size, districts }: ExtractOptions): Promise<Record<string, number>> {
  const random = randomFrom(seed);
  const int = (below: number) => Math.floor(random() * below);
  const pick = <T>(list: readonly T[]): T => list[int(list.length)]!;
  const files: Record<string, string[]> = {};
  const add = (dataset: string, header: string, row: (string | number | boolean | null)[]) => {
    (files[dataset] ??= [header]).push(row.map((v) => (v === null ? '' : String(v))).join(','));
  };

  const districtCodes = districts.map((d) => d[0]);
  const areas = [...new Set(districts.map((d) => d[2]))];
  for (const d of districts) add('districts', 'district_code,district_name,area_code,area_name', [...d]);
  const lsoas: string[] = [];
  const centres: string[] = [];
  for (const district of districtCodes) {
    for (let i = 0; i < 4; i++) {
      const lsoa = `${seed}L${district}${i}`;
      lsoas.push(lsoa);
      add('lsoas', 'lsoa_code,district_code,imd_decile', [lsoa, district, 1 + int(10)]);
      for (let year = 2014; year <= 2017; year++) add('lsoa_populations', 'lsoa_code,mid_year,under_5', [lsoa, year, 50 + int(100)]);
    }
    for (let i = 0; i < 2; i++) {
      const centre = `${seed}CC${district}${i}`;
      centres.push(centre);
      add('childrens_centres', 'centre_id,centre_name,district_code', [centre, `Centre ${seed} ${district} ${i}`, district]);
      add('cc_inspections', 'centre_id,inspected_on,judgement', [centre, date(int(700)), pick(['outstanding', 'good', 'requires_improvement', 'inadequate'])]);
    }
  }
  for (const code of ['neet_16_18_pct', 'eh_notifications_assessed_pct']) {
    for (const geography of ['KENT', ...areas, ...districtCodes]) {
      for (const year of [2016, 2017]) {
        add('targets', 'indicator_code,year,geography_code,target,floor,floor_assumed', [code, year, geography, 5 + int(50), 2 + int(3), random() < 0.5]);
      }
    }
  }
  for (const district of districtCodes) {
    add('caseload_targets', 'district_code,effective_from,baseline,target', [district, '2015-06', 100 + int(400), 100 + int(300)]);
  }
  add('comparators', 'indicator_code,period,comparator,value,note', ['neet_16_18_pct', '2016-03', 'ENGLAND', 4.2, null]);

  for (let i = 0; i < size; i++) {
    const child = `${seed}K${i}`;
    const district = pick(districtCodes);
    const notified = int(700);
    const assessed = random() < 0.8 ? notified + int(20) : null;
    const plan = assessed !== null && random() < 0.6 ? assessed + int(40) : null;
    const closed = random() < 0.7 ? (plan ?? assessed ?? notified) + int(200) : null;
    add('early_help_cases', 'case_id,child_id,district_code,notified_on,assessed_on,plan_on,closed_on,closure_reason', [
      `${seed}E${i}`, child, district, date(notified), assessed === null ? null : date(assessed), plan === null ? null : date(plan),
      closed === null ? null : date(closed), closed === null ? null : pick(['outcomes_achieved', 'stepped_up_to_scs', 'consent_withdrawn', 'moved_away', 'other']),
    ]);
    const born = -int(6 * 365);
    const registered = Math.max(born, -300) + int(300);
    add('cc_registrations', 'child_id,child_dob,lsoa_code,centre_id,registered_on', [child, date(born), pick(lsoas), pick(centres), date(registered)]);
    for (let v = int(6); v > 0; v--) {
      add('cc_attendances', 'attendance_id,child_id,centre_id,attended_on', [`${seed}T${i}_${v}`, child, pick(centres), date(registered + int(500))]);
    }
    if (i % 4 === 0) {
      const opened = int(700);
      const scsClosed = random() < 0.6 ? opened + int(300) : null;
      add('scs_cases', 'case_id,child_id,child_dob,district_code,opened_on,closed_on,stepped_down_to_early_help', [
        `${seed}S${i}`, child, date(born), district, date(opened), scsClosed === null ? null : date(scsClosed), scsClosed === null ? null : random() < 0.3]);
      add('scs_referrals', 'referral_id,child_id,district_code,referred_on', [`${seed}R${i}`, child, district, date(opened - int(20))]);
    }
    if (i % 3 === 0) {
      for (const month of ['2016-01', '2016-05', '2016-10']) {
        add('ff2_places', 'child_id,snapshot_month,district_code,taking_up', [child, month, district, random() < 0.7]);
      }
    }
    const person = `${seed}Y${i}`;
    if (i % 2 === 0) add('youth_contacts', 'contact_id,young_person_id,contacted_on', [`${seed}C${i}`, person, date(int(700))]);
    if (i % 10 === 0) {
      const outcome = 100 + int(600);
      add('yj_outcomes', 'outcome_id,young_person_id,young_person_dob,district_code,outcome_on,outcome_type', [
        `${seed}O${i}`, person, date(outcome - 14 * 365 - int(1000)), district, date(outcome),
        pick(['community_resolution', 'youth_caution', 'youth_conditional_caution', 'conviction'])]);
      add('yj_closures', 'closure_id,young_person_id,district_code,closed_on,statutory_school_age,ete_hours', [
        `${seed}X${i}`, person, district, date(int(700)), random() < 0.5, int(61)]);
      add('tf_claims', 'family_id,phase,district_code,claimed_on', [`${seed}F${i}`, 1 + int(2), district, date(int(700))]);
      add('exclusions', 'exclusion_id,pupil_id,district_code,phase,type,start_on', [
        `${seed}Z${i}`, `${seed}P${i}`, district, pick(['primary', 'secondary']), pick(['fixed', 'permanent']), date(int(700))]);
    }
    if (i % 2 === 0) {
      for (let m = 0; m < 12; m++) {
        const month = `${2016 + Math.floor((3 + m) / 12)}-${String(((3 + m) % 12) + 1).padStart(2, '0')}`;
        add('neet_activity', 'young_person_id,month,district_code,academic_age,activity', [person, month, district, 16 + int(3), pick(['eet', 'eet', 'eet', 'neet', 'unknown'])]);
      }
    }
    const phase = pick(['primary', 'secondary']);
    for (const year of [2016, 2017]) {
      for (const term of ['autumn', 'spring', 'summer']) {
        const possible = 100 + int(40);
        add('pupil_absence', 'pupil_id,district_code,phase,academic_year,term,possible_sessions,absent_sessions', [
          `${seed}P${i}`, district, phase, year, term, possible, int(random() < 0.15 ? possible : 15)]);
      }
    }
  }

  await mkdir(dir, { recursive: true });
  const rows: Record<string, number> = {};
  for (const [dataset, lines] of Object.entries(files)) {
    await writeFile(path.join(dir, `${dataset}.csv`), `${lines.join('\n')}\n`);
    rows[dataset] = lines.length - 1;
  }
  return rows;
}
