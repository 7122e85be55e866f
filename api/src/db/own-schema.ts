// The product keeps every table, view, function and type in its own schema, so that it can share a
// database with other applications (PostGIS's `_st_` functions, another app's `districts` table) and
// create and drop only what is its own. Connections put that schema alone on their search_path
// (createPool), so the SQL of migrations, views and queries stays unqualified.
import pg from 'pg';

export const OWN_SCHEMA = 'ehps';

/**
 * What earlier versions created in `public` (migrations 0001-0005, the views installed from sql/views
 * at any time, their functions): frozen here, like a migration, as the list of what the move below may
 * touch. A table's indexes, constraints, triggers and owned sequences (import_log's id) move with it.
 */
const OLD_LAYOUT = {
  domains: ['ident'],
  tables: [
    'schema_migrations', 'indicator_codes', 'districts', 'lsoas', 'lsoa_populations', 'childrens_centres', 'targets',
    'caseload_targets', 'comparators', 'early_help_cases', 'scs_referrals', 'scs_cases', 'cc_registrations',
    'cc_attendances', 'cc_inspections', 'ff2_places', 'youth_contacts', 'yj_outcomes', 'yj_closures', 'neet_activity',
    'tf_claims', 'pupil_absence', 'exclusions', 'import_log', 'report_months', 'indicator_results', 'results_version',
  ],
  /** Views and materialized views, by name (some names were one kind, then the other). */
  views: [
    '_cc_deprived_population', '_cc_deprived_registrations', '_eh_closures_by_month',
    '_exclusions_by_month', '_neet_by_month', '_pa_month_terms', '_pa_term_sets', '_scs_children', '_scs_open_cases',
    '_yj_closures_by_month', '_yj_substantive_outcomes', '_youth_contact_stretches',
    'caseload_open', 'cc_deprived_attending_pct', 'cc_deprived_registered_pct', 'cc_good_outstanding_pct',
    'eh_closed_positive_outcome_pct', 'eh_notifications_assessed_pct', 'eh_plans_within_4_weeks_pct',
    'eh_rereferred_within_12m_pct', 'eh_stepped_up_to_scs_pct', 'excl_fixed_primary', 'excl_fixed_secondary',
    'excl_permanent_primary', 'excl_permanent_secondary', 'ff2_take_up_pct', 'neet_16_18_pct',
    'neet_16_18_unknown_pct', 'pa_primary_10pct', 'pa_primary_15pct', 'pa_secondary_10pct', 'pa_secondary_15pct',
    'scs_0_5_known_to_cc_pct', 'scs_14_18_known_to_youth_pct', 'scs_rereferral_12m_pct',
    'scs_stepped_down_to_eh_pct', 'tf_turned_around_cumulative', 'tf_turned_around_phase1',
    'yj_first_time_entrants', 'yj_reoffending_rate_pct', 'yo_post16_ft_eet_pct', 'yo_school_age_ft_education_pct',
  ],
  /** Functions by signature: another application may have a function of the same name. */
  functions: [
    'month_of(date)', 'age_in_years(date, date)', 'month_reaching_age(date, integer)', '_pa_counts()',
    'check_geography_code()', 'bump_results_version()', 'check_targets_geography()',
  ],
} as const;

/**
 * Creates the product's schema, and moves a database of the old layout (everything in `public`, our
 * schema_migrations among it) into it: the objects of the list above that are in `public`, nothing else,
 * with ALTER … SET SCHEMA (rows, indexes and grants kept), in one transaction. Returns how many objects it moved.
 * Run by migrate() under its lock, before it reads schema_migrations.
 */
export async function ensureOwnSchema(client: pg.ClientBase): Promise<number> {
  const schema = pg.escapeIdentifier(OWN_SCHEMA);
  // Created only when missing: a user without CREATE on the database may use a schema made for it.
  const { rows: [existing] } = await client.query<{ found: boolean }>('SELECT to_regnamespace($1) IS NOT NULL AS found', [OWN_SCHEMA]);
  if (!existing!.found) await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
  if (!(await hasOldLayout(client))) return 0;
  let moved = 0;
  await client.query('BEGIN');
  try {
    const move = async (kind: string, name: string) => {
      await client.query(`ALTER ${kind} ${name} SET SCHEMA ${schema}`);
      moved++;
    };
    for (const name of OLD_LAYOUT.domains) {
      const { rows } = await client.query<{ found: boolean }>('SELECT to_regtype($1) IS NOT NULL AS found', [`public.${name}`]);
      if (rows[0]!.found) await move('DOMAIN', `public.${pg.escapeIdentifier(name)}`);
    }
    const relations = await client.query<{ name: string; kind: string }>(`
      SELECT c.relname AS name, c.relkind::text AS kind FROM pg_class c
      WHERE c.relnamespace = 'public'::regnamespace AND (
        (c.relkind IN ('r', 'p') AND c.relname = ANY($1::text[])) OR (c.relkind IN ('v', 'm') AND c.relname = ANY($2::text[])))`,
      [OLD_LAYOUT.tables, OLD_LAYOUT.views]);
    for (const { name, kind } of relations.rows) {
      const keyword = kind === 'v' ? 'VIEW' : kind === 'm' ? 'MATERIALIZED VIEW' : 'TABLE';
      await move(keyword, `public.${pg.escapeIdentifier(name)}`);
    }
    for (const signature of OLD_LAYOUT.functions) {
      const { rows } = await client.query<{ found: string | null }>(`SELECT to_regprocedure($1)::text AS found`, [`public.${signature}`]);
      if (rows[0]?.found) await move('FUNCTION', `public.${signature}`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw new Error(`Moving the EHPS tables from schema public to schema ${OWN_SCHEMA} failed, nothing was moved: ${(error as Error).message}`,
      { cause: error });
  }
  return moved;
}

/**
 * The old layout: no schema_migrations in our schema, and in `public` a schema_migrations that is ours
 * (its columns, and our first migration listed), not another application's table of that name.
 */
async function hasOldLayout(client: pg.ClientBase): Promise<boolean> {
  const { rows } = await client.query<{ ours: boolean; old: boolean }>(`
    SELECT to_regclass($1) IS NOT NULL AS ours,
           (SELECT count(*) = 2 FROM pg_attribute
            WHERE attrelid = to_regclass('public.schema_migrations') AND attname IN ('name', 'applied_at') AND NOT attisdropped) AS old`,
  [`${pg.escapeIdentifier(OWN_SCHEMA)}.schema_migrations`]);
  if (rows[0]!.ours || !rows[0]!.old) return false;
  const listed = await client.query(`SELECT 1 FROM public.schema_migrations WHERE name = '0001_schema.sql'`);
  return (listed.rowCount ?? 0) > 0;
}
