// The product keeps to its own schema (ehps) in a database it shares with other applications: migrating,
// importing, refreshing and re-installing the views leave every object outside it untouched, and a
// database of the old layout (everything in public) is moved into it on the next start with its rows.
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createPool } from '../../../api/src/db/kysely.js';
import { migrate } from '../../../api/src/db/migrate.js';
import { importFiles } from '../../../api/src/import/index.js';
import { sqlDir } from '../../../api/src/paths.js';
import { installViews, refreshResults } from '../../../api/src/results/refresh.js';
import { csv, scratchFolder, type Scratch } from '../import/helpers.js';
import { withClient } from '../../support/client.js';

/** A new, empty database (not the migrated template): what another application's database looks like. */
async function emptyDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const adminUrl = inject('pgAdminUrl');
  const name = `shared_${Math.random().toString(36).slice(2, 10)}`;
  await withClient(adminUrl, (admin) => admin.query(`CREATE DATABASE ${name}`));
  return {
    url: adminUrl.replace(/\/postgres$/, `/${name}`),
    drop: async () => {
      await withClient(adminUrl, (admin) => admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

/** A session with the default search_path ("$user", public), as another application or psql has. */
async function withPublicPath<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  return withClient(url, work);
}

/**
 * Another application's objects, named like ours or like our `_` building blocks: a PostGIS-like `_st_`
 * function and view, a matview, a `districts` table in public and in its own schema (a code in it that
 * is not one of ours), and its own schema_migrations (Rails' shape, not ours).
 */
const OTHER_APPLICATION = `
  CREATE FUNCTION public._st_area(x float8) RETURNS float8 LANGUAGE sql IMMUTABLE RETURN x * 2;
  CREATE VIEW public._st_geometry_columns AS SELECT 'g'::text AS f_table_name;
  CREATE MATERIALIZED VIEW public._st_cache AS SELECT 1 AS n;
  CREATE VIEW public.neet_16_18_pct AS SELECT 'theirs'::text AS owner;
  CREATE TABLE public.districts (district_code text PRIMARY KEY, area_code text);
  INSERT INTO public.districts VALUES ('ZZZ', 'ZZ');
  CREATE SCHEMA other;
  CREATE TABLE other.districts (district_code text PRIMARY KEY);
  INSERT INTO other.districts VALUES ('OTH');
  CREATE TABLE public.schema_migrations (version varchar PRIMARY KEY);
  INSERT INTO public.schema_migrations VALUES ('20150101000000');`;

/** Every object outside our schema and the system's, with a digest of the rows of each table and view. */
async function othersObjects(url: string, names = '%'): Promise<Record<string, string>> {
  return withPublicPath(url, async (client) => {
    const { rows } = await client.query<{ name: string; kind: string; def: string }>(`
      SELECT n.nspname || '.' || c.relname AS name, c.relkind::text AS kind,
             coalesce(pg_get_viewdef(c.oid), '') AS def
      FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('ehps', 'pg_catalog', 'information_schema', 'pg_toast') AND c.relkind IN ('r', 'v', 'm', 'S', 'i')
        AND n.nspname || '.' || c.relname LIKE $1
      UNION ALL
      SELECT n.nspname || '.' || p.oid::regprocedure::text, 'f', pg_get_functiondef(p.oid) FROM pg_proc p
      JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname NOT IN ('ehps', 'pg_catalog', 'information_schema') AND n.nspname || '.' || p.proname LIKE $1
      ORDER BY 1`, [names]);
    const result: Record<string, string> = {};
    for (const { name, kind, def } of rows) {
      const data = ['r', 'v', 'm'].includes(kind)
        ? JSON.stringify((await client.query(`SELECT * FROM ${name.split('.').map((part) => pg.escapeIdentifier(part)).join('.')}`)).rows)
        : '';
      result[name] = `${kind} ${def} ${data}`;
    }
    return result;
  });
}

const DISTRICTS = csv('district_code,district_name,area_code,area_name', 'DAR,Dartford,NORTH,North Kent', 'MAI,Maidstone,WEST,West Kent');
const CASES_HEADER = 'case_id,child_id,district_code,notified_on,assessed_on,plan_on,closed_on,closure_reason';

let scratch: Scratch;
beforeAll(async () => {
  scratch = await scratchFolder();
});
afterAll(async () => {
  await scratch.remove();
});

/** eh_notifications_assessed_pct for DAR at 2015-03: notifications in the window assessed by the month end. */
async function assessedDartford(pool: pg.Pool): Promise<unknown> {
  const { rows } = await pool.query(`SELECT numerator, denominator FROM indicator_results
    WHERE indicator_code = 'eh_notifications_assessed_pct' AND month = '2015-03-01' AND district_code = 'DAR'`);
  return rows[0];
}

describe('a database shared with another application', () => {
  let database: Awaited<ReturnType<typeof emptyDatabase>>;
  let pool: pg.Pool;
  let before: Record<string, string>;

  beforeAll(async () => {
    database = await emptyDatabase();
    await withPublicPath(database.url, (client) => client.query(OTHER_APPLICATION));
    before = await othersObjects(database.url);
    pool = createPool(database.url);
  });
  afterAll(async () => {
    await pool.end();
    await database.drop();
  });

  it('migrates, imports, refreshes and re-installs the views in schema ehps, leaving every other object as it was', async () => {
    expect(await migrate(pool)).toContain('0001_schema.sql');
    await installViews(pool);
    const cases = await scratch.write('early_help_cases.csv', csv(CASES_HEADER,
      'E1,K1,DAR,2015-03-10,2015-03-12,,,', 'E2,K2,DAR,2015-03-20,,,,', 'E3,K3,MAI,2015-02-01,2015-02-02,,,'));
    const districts = await scratch.write('districts.csv', DISTRICTS);
    const report = await importFiles(pool, [{ dataset: 'districts', path: districts }, { dataset: 'early_help_cases', path: cases }]);
    expect(report.ok ? [] : report.problems).toEqual([]);
    await refreshResults(pool);
    await installViews(pool);
    await refreshResults(pool);
    expect(await migrate(pool)).toEqual([]);

    expect(await assessedDartford(pool)).toEqual({ numerator: 1, denominator: 2 });
    expect((await pool.query('SELECT district_code FROM ehps.districts ORDER BY 1')).rows.map((r) => r.district_code))
      .toEqual(['DAR', 'MAI']);
    expect(await othersObjects(database.url)).toEqual(before);
    // Nothing of ours outside our schema.
    const { rows: strays } = await pool.query(`
      SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname NOT IN ('ehps', 'pg_catalog', 'information_schema', 'pg_toast', 'other')
        AND c.relname NOT IN ('_st_geometry_columns', '_st_cache', 'neet_16_18_pct', 'districts', 'districts_pkey',
          'schema_migrations', 'schema_migrations_pkey')
        AND n.nspname NOT LIKE 'pg_temp%' AND n.nspname NOT LIKE 'pg_toast_temp%'`);
    expect(strays).toEqual([]);
    const { rows: [counts] } = await pool.query(`SELECT
      (SELECT count(*) FROM pg_proc WHERE pronamespace = 'public'::regnamespace)::int AS functions,
      (SELECT count(*) FROM pg_type WHERE typnamespace = 'public'::regnamespace AND typtype = 'd')::int AS domains`);
    expect(counts).toEqual({ functions: 1, domains: 0 });
  });

  it('checks a target against our districts even when changed from a session whose search_path finds theirs', async () => {
    await withPublicPath(database.url, async (client) => {
      await expect(client.query(`INSERT INTO ehps.targets VALUES ('neet_16_18_pct', 2016, 'ZZZ', 3.5, NULL, false)`))
        .rejects.toThrow(/geography_code ZZZ is not KENT/);
      await client.query(`INSERT INTO ehps.targets VALUES ('neet_16_18_pct', 2016, 'NORTH', 3.5, NULL, false)`);
      // The version the API caches by is ours too, bumped by that insert.
      expect((await client.query('SELECT version > 0 AS bumped FROM ehps.results_version')).rows[0].bumped).toBe(true);
    });
  });

  it('refuses to re-install the views when another schema depends on one of them, and drops nothing', async () => {
    await withPublicPath(database.url, (client) => client.query(
      'CREATE VIEW other.our_neet AS SELECT * FROM ehps.neet_16_18_pct'));
    await expect(installViews(pool)).rejects.toThrow(/view other\.our_neet, outside schema ehps, depends on them/);
    expect((await pool.query(`SELECT to_regclass('other.our_neet') IS NOT NULL AS kept, to_regclass('ehps._neet_by_month') IS NOT NULL AS ours`)).rows[0])
      .toEqual({ kept: true, ours: true });
    await withPublicPath(database.url, (client) => client.query('DROP VIEW other.our_neet'));
    await installViews(pool);
  });
});

describe('a database of the old layout (everything in public)', () => {
  let database: Awaited<ReturnType<typeof emptyDatabase>>;
  let pool: pg.Pool;
  let before: Record<string, string>;

  beforeAll(async () => {
    database = await emptyDatabase();
    // Built as earlier versions built it: migrations 0001-0005 and the views, all with search_path public,
    // then a few rows and their results; another application's objects beside them.
    await withPublicPath(database.url, async (client) => {
      await client.query(`CREATE FUNCTION public._st_area(x float8) RETURNS float8 LANGUAGE sql IMMUTABLE RETURN x * 2;
        CREATE VIEW public._st_geometry_columns AS SELECT 'g'::text AS f_table_name;
        CREATE SCHEMA other; CREATE TABLE other.districts (district_code text PRIMARY KEY);`);
      await client.query(`CREATE TABLE schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
      for (const name of ['0001_schema.sql', '0002_api_results_version.sql', '0003_pupil_absence_covering_key.sql',
        '0004_pupil_absence_key_order.sql', '0005_finite_dates_and_numbers.sql']) {
        await client.query(await readFile(path.join(sqlDir, 'migrations', name), 'utf8'));
        await client.query('INSERT INTO schema_migrations (name) VALUES ($1)', [name]);
      }
      const views = (await readdir(path.join(sqlDir, 'views'))).filter((name) => name.endsWith('.sql')).sort();
      for (const name of views) await client.query(await readFile(path.join(sqlDir, 'views', name), 'utf8'));
      // Building blocks added since that layout (and what reads them) were not there then.
      await client.query('DROP MATERIALIZED VIEW _pa_year_counts CASCADE');
      for (const name of views.filter((file) => file.startsWith('act_'))) {
        await client.query(`DROP VIEW ${name.replace(/\.sql$/, '')}`); // the activity indicators came later too
      }
      await client.query(`INSERT INTO indicator_codes VALUES ('neet_16_18_pct');
        INSERT INTO districts VALUES ('DAR', 'Dartford', 'NORTH', 'North'), ('MAI', 'Maidstone', 'WEST', 'West');
        INSERT INTO targets VALUES ('neet_16_18_pct', 2016, 'NORTH', 3.5, NULL, false);
        INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, assessed_on) VALUES
          ('E1', 'K1', 'DAR', '2015-03-10', '2015-03-12'), ('E2', 'K2', 'DAR', '2015-03-20', NULL);
        INSERT INTO import_log (dataset, file_name, rows_in_file, replaced) VALUES ('early_help_cases', 'e.csv', 2, false);
        REFRESH MATERIALIZED VIEW _neet_by_month;`);
      // The months as that layout's refresh wrote them (the refresh of today reads tables it did not have).
      await client.query(`INSERT INTO report_months (month, month_end, window_start) VALUES ('2015-03-01', '2015-03-31', '2014-04-01')`);
      await client.query(`INSERT INTO indicator_results
        SELECT 'eh_notifications_assessed_pct', m.month, d.district_code, coalesce(v.numerator, 0), coalesce(v.denominator, 0)
        FROM report_months m CROSS JOIN districts d
        LEFT JOIN eh_notifications_assessed_pct v ON v.month = m.month AND v.district_code = d.district_code`);
    });
    before = { ...await othersObjects(database.url, 'other.%'), ...await othersObjects(database.url, 'public.\\_st\\_%') };
    pool = createPool(database.url);
  });
  afterAll(async () => {
    await pool?.end();
    await database.drop();
  });

  it('is moved into schema ehps on the next start, with its rows, and the indicators are computed again', async () => {
    const publicObjects = (url: string) => withPublicPath(url, async (client) => (await client.query<{ name: string }>(`
      SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'v', 'm')
      UNION ALL SELECT p.proname FROM pg_proc p WHERE p.pronamespace = 'public'::regnamespace
      UNION ALL SELECT t.typname FROM pg_type t WHERE t.typnamespace = 'public'::regnamespace AND t.typtype = 'd'
      ORDER BY 1`)).rows.map((r) => r.name));
    expect((await publicObjects(database.url)).length).toBeGreaterThan(50);

    const said: string[] = [];
    const applied = await migrate(pool, (message) => said.push(message));
    expect(said).toEqual([expect.stringMatching(/^Moved the database's \d+ EHPS tables, views and functions from schema public to schema ehps\.$/)]);
    expect(applied[0]).toBe('0006_own_schema.sql');
    expect(applied.filter((name) => name < '0006')).toEqual([]);
    expect(await publicObjects(database.url)).toEqual(['_st_area', '_st_geometry_columns']);
    expect({ ...await othersObjects(database.url, 'other.%'), ...await othersObjects(database.url, 'public.\\_st\\_%') })
      .toEqual(before);
    expect(Object.keys(before)).toHaveLength(4);

    // The rows came along, the results too, and the log's sequence goes on from where it was.
    expect((await pool.query('SELECT name FROM schema_migrations ORDER BY 1 LIMIT 6')).rows.map((r) => r.name))
      .toEqual(['0001_schema.sql', '0002_api_results_version.sql', '0003_pupil_absence_covering_key.sql',
        '0004_pupil_absence_key_order.sql', '0005_finite_dates_and_numbers.sql', '0006_own_schema.sql']);
    expect((await pool.query('SELECT count(*)::int AS n FROM ehps.early_help_cases')).rows[0].n).toBe(2);
    expect((await pool.query(`SELECT geography_code FROM ehps.targets`)).rows).toEqual([{ geography_code: 'NORTH' }]);
    expect(await assessedDartford(pool)).toEqual({ numerator: 1, denominator: 2 });
    await pool.query(`INSERT INTO import_log (dataset, file_name, rows_in_file, replaced) VALUES ('districts', 'd.csv', 2, false)`);
    expect((await pool.query('SELECT id::int FROM import_log ORDER BY id')).rows).toEqual([{ id: 1 }, { id: 2 }]);

    await installViews(pool);
    await pool.query(`INSERT INTO early_help_cases (case_id, child_id, district_code, notified_on, assessed_on)
      VALUES ('E3', 'K3', 'DAR', '2015-03-25', '2015-03-26')`);
    await refreshResults(pool);
    expect(await assessedDartford(pool)).toEqual({ numerator: 2, denominator: 3 });
    // The identifier domain moved too: our tables' columns use ehps.ident.
    expect((await pool.query(`SELECT format_type(atttypid, atttypmod) AS type FROM pg_attribute
      WHERE attrelid = 'ehps.early_help_cases'::regclass AND attname = 'case_id'`)).rows[0].type).toBe('ident');
    expect(await migrate(pool)).toEqual([]);
  });
});

describe('connections', () => {
  it('put schema ehps alone on the search_path, keeping the startup options a connection string or the pool gives', async () => {
    const database = await emptyDatabase();
    const settings = async (pool: pg.Pool) => {
      try {
        return (await pool.query(`SELECT current_setting('search_path') AS path, current_setting('work_mem') AS work_mem,
          current_setting('lock_timeout') AS lock_timeout`)).rows[0];
      } finally {
        await pool.end();
      }
    };
    try {
      expect(await settings(createPool(database.url))).toMatchObject({ path: 'ehps' });
      expect(await settings(createPool(`${database.url}?options=${encodeURIComponent('-c work_mem=3MB')}`)))
        .toMatchObject({ path: 'ehps', work_mem: '3MB' });
      expect(await settings(createPool(database.url, { options: '-c work_mem=5MB', lock_timeout: 300 })))
        .toEqual({ path: 'ehps', work_mem: '5MB', lock_timeout: '300ms' });
    } finally {
      await database.drop();
    }
  });
});

describe('a user who may not create schemas', () => {
  it('migrates into a schema ehps made for it', async () => {
    const database = await emptyDatabase();
    const role = `app_${Math.random().toString(36).slice(2, 10)}`;
    const admin = new pg.Client({ connectionString: database.url });
    admin.on('error', () => {}); // ended by the server when the database is dropped
    await admin.connect();
    let pool: pg.Pool | undefined;
    try {
      // A plain login role has no CREATE on the database (PostgreSQL's default): the administrator makes the schema.
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'app'`);
      await admin.query(`CREATE SCHEMA ehps AUTHORIZATION ${role}`);
      const url = new URL(database.url);
      url.username = role;
      url.password = 'app';
      pool = createPool(url.toString());
      expect(await migrate(pool)).toContain('0006_own_schema.sql');
      await installViews(pool);
      await refreshResults(pool);
      expect((await pool.query(`SELECT count(*)::int AS n FROM pg_class WHERE relnamespace = 'ehps'::regnamespace AND relkind = 'r'`)).rows[0].n)
        .toBeGreaterThan(20);
    } finally {
      await pool?.end();
      await admin.query(`DROP OWNED BY ${role} CASCADE`).catch(() => {});
      await admin.end();
      await database.drop();
      await withClient(inject('pgAdminUrl'), (server) => server.query(`DROP ROLE IF EXISTS ${role}`));
    }
  });
});
