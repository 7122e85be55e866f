-- Benchmarks (../shared/spec/indicators.md, "Benchmarks"): DfE's published figures for every English local
-- authority, region and England (reference/benchmarks/, Open Government Licence), the statistical-neighbour
-- groups, and the home authority they are read for. Loaded by the importer like the other reference data.

-- The home authority: one row (Kent: 886, Kent, South East).
CREATE TABLE authority (
  la_number integer PRIMARY KEY,
  la_name text NOT NULL,
  region text NOT NULL
);
-- One row, checked after each statement (a complete extract removes the old row before adding the new one),
-- with a message the importer can pass on as it is.
CREATE FUNCTION check_authority_one_row() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  held integer;
BEGIN
  SELECT count(*) INTO held FROM authority;
  IF held > 1 THEN
    RAISE EXCEPTION 'authority holds the one home authority, not %: load a file of one row (with --replace to change it)', held
      USING ERRCODE = 'check_violation', TABLE = 'authority', COLUMN = 'la_number';
  END IF;
  RETURN NULL;
END $$;
ALTER FUNCTION check_authority_one_row() SET search_path FROM CURRENT;
CREATE TRIGGER authority_one_row AFTER INSERT OR UPDATE ON authority
  FOR EACH STATEMENT EXECUTE FUNCTION check_authority_one_row();

CREATE TABLE benchmark_measures (
  measure_code text PRIMARY KEY,
  title text NOT NULL,
  -- High: higher is better; Low: lower is better; '-': no polarity (no rank, no band).
  polarity text NOT NULL CHECK (polarity IN ('High', 'Low', '-')),
  unit text NOT NULL,
  -- How a period label is read: its end is 31 August (academic), 31 March (financial, annual) or 31 December.
  year_type text NOT NULL CHECK (year_type IN ('Academic Year', 'Financial Year', 'Calendar Year', 'Annual')),
  decimals text NOT NULL,
  description text NOT NULL,
  source text NOT NULL,
  methodology text NOT NULL
);

CREATE TABLE benchmark_values (
  measure_code text NOT NULL,
  -- As DfE labels it: YYYY (the year it ends in) or YYYY/YY (an academic year).
  period text NOT NULL CONSTRAINT benchmark_values_period_label CHECK (period ~ '^[0-9]{4}(/[0-9]{2})?$'),
  geography_level text NOT NULL CHECK (geography_level IN ('local_authority', 'region', 'sub_region', 'country')),
  geography_name text NOT NULL,
  la_number integer NOT NULL,
  region text,
  -- NaN sorts above Infinity, so this refuses NaN too.
  value double precision CONSTRAINT benchmark_values_value_finite CHECK (value > '-Infinity' AND value < 'Infinity'),
  -- A cell DfE did not publish as a number keeps its text here ('-': not available), with no value.
  symbol text,
  CONSTRAINT benchmark_values_value_or_symbol CHECK ((value IS NULL) = (symbol IS NOT NULL)),
  -- Also the index of the rank query: one measure and period at a time.
  PRIMARY KEY (measure_code, period, la_number)
);

CREATE TABLE statistical_neighbours (
  version text NOT NULL,
  la_number integer NOT NULL,
  la_name text NOT NULL,
  region text NOT NULL,
  rank integer NOT NULL CHECK (rank >= 1),
  neighbour_la_number integer NOT NULL,
  closeness text NOT NULL,
  PRIMARY KEY (version, la_number, rank)
);
-- The neighbour query: one authority's groups, latest version first.
CREATE INDEX statistical_neighbours_authority ON statistical_neighbours (la_number, version);

-- Each period of each measure in which at least one local authority has a numeric value, with the date it
-- ends (indicators.md: academic year YYYY or YYYY/YY → 31 August of the ending year; financial year and
-- Annual → 31 March; calendar year → 31 December) and how many authorities have a value.
CREATE VIEW benchmark_periods AS
SELECT v.measure_code, v.period,
  CASE m.year_type
    WHEN 'Academic Year' THEN make_date(y.ending, 8, 31)
    WHEN 'Calendar Year' THEN make_date(y.ending, 12, 31)
    ELSE make_date(y.ending, 3, 31)
  END AS period_end,
  count(*)::int AS authorities
FROM benchmark_values v
JOIN benchmark_measures m USING (measure_code)
CROSS JOIN LATERAL (SELECT left(v.period, 4)::int + CASE WHEN v.period LIKE '%/%' THEN 1 ELSE 0 END AS ending) y
WHERE v.geography_level = 'local_authority' AND v.value IS NOT NULL
GROUP BY v.measure_code, v.period, m.year_type, y.ending;

-- Every local authority with a numeric value, ranked within its measure and period: 1 is best by the
-- measure's polarity, equal values share the better rank (rank()), no rank without polarity; `of` is the
-- number ranked, and the quartile band A ≤ ⌈n/4⌉, B ≤ ⌈n/2⌉, C ≤ ⌈3n/4⌉, else D. A filter on measure and
-- period reaches the primary key beneath the window functions (they are partitioned by those columns).
CREATE VIEW benchmark_ranks AS
SELECT r.measure_code, r.period, r.la_number, r.geography_name, r.value, r.rank, r.of,
  CASE
    WHEN r.rank IS NULL THEN NULL
    WHEN r.rank <= ceil(r.of / 4.0) THEN 'A'
    WHEN r.rank <= ceil(r.of / 2.0) THEN 'B'
    WHEN r.rank <= ceil(3 * r.of / 4.0) THEN 'C'
    ELSE 'D'
  END AS band
FROM (
  SELECT v.measure_code, v.period, v.la_number, v.geography_name, v.value,
    (CASE m.polarity
      WHEN 'High' THEN rank() OVER (PARTITION BY v.measure_code, v.period ORDER BY v.value DESC)
      WHEN 'Low' THEN rank() OVER (PARTITION BY v.measure_code, v.period ORDER BY v.value ASC)
    END)::int AS rank,
    (count(*) OVER (PARTITION BY v.measure_code, v.period))::int AS of
  FROM benchmark_values v
  JOIN benchmark_measures m USING (measure_code)
  WHERE v.geography_level = 'local_authority' AND v.value IS NOT NULL
) r;

-- The home authority's statistical neighbours: the latest version of its group, closest first.
CREATE VIEW home_neighbours AS
SELECT s.neighbour_la_number AS la_number, s.rank AS closeness_rank, s.closeness, s.version
FROM authority a
JOIN statistical_neighbours s ON s.la_number = a.la_number
WHERE s.version = (SELECT max(x.version) FROM statistical_neighbours x WHERE x.la_number = a.la_number);

-- For every period of every measure: the home authority's published value, England, the home region
-- (names compared without regard to case; London boroughs to London), the mean of the neighbours with a
-- value and how many, and the home authority's rank, of and band.
CREATE VIEW benchmark_comparison AS
-- Each figure is looked up per period (LATERAL; OFFSET 0 keeps a lookup from being merged into a join over
-- the whole table), so a filter on the measure reads only that measure's rows through the primary key, and
-- the rank is computed among that one period's authorities: 0.15–0.25 s for the ten mapped measures on a
-- shared two-core machine, against 0.75–0.85 s for the same view written as plain joins. The API reads it
-- once per version of the data.
SELECT p.measure_code, p.period, p.period_end,
  own.value, own.symbol,
  england.value AS england,
  region.value AS region,
  n.mean AS neighbours_mean, n.count AS neighbours_count,
  rk.rank, p.authorities AS of, rk.band
FROM benchmark_periods p
CROSS JOIN authority a
LEFT JOIN LATERAL (
  SELECT v.value, v.symbol FROM benchmark_values v
  WHERE v.measure_code = p.measure_code AND v.period = p.period AND v.la_number = a.la_number
  OFFSET 0
) own ON true
LEFT JOIN LATERAL (
  SELECT e.value FROM benchmark_values e
  WHERE e.measure_code = p.measure_code AND e.period = p.period AND e.geography_level = 'country'
  ORDER BY e.la_number LIMIT 1
) england ON true
LEFT JOIN LATERAL (
  SELECT r.value FROM benchmark_values r
  WHERE r.measure_code = p.measure_code AND r.period = p.period AND r.geography_level = 'region'
    AND lower(r.geography_name) = CASE WHEN lower(a.region) LIKE '%london%' THEN 'london' ELSE lower(a.region) END
  ORDER BY r.la_number LIMIT 1
) region ON true
LEFT JOIN LATERAL (
  SELECT x.rank, x.band, x.la_number FROM benchmark_ranks x
  WHERE x.measure_code = p.measure_code AND x.period = p.period
  -- Kept a subquery (not merged into the join), so the measure and period reach the ranking beneath.
  OFFSET 0
) rk ON rk.la_number = a.la_number
CROSS JOIN LATERAL (
  SELECT avg(nv.value) AS mean, count(nv.value)::int AS count
  FROM home_neighbours hn
  JOIN benchmark_values nv ON nv.measure_code = p.measure_code AND nv.period = p.period AND nv.la_number = hn.la_number
) n;

-- The API caches what it computed from these tables until they change (0002).
CREATE TRIGGER authority_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON authority
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER benchmark_measures_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON benchmark_measures
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER benchmark_values_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON benchmark_values
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER statistical_neighbours_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON statistical_neighbours
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();

-- As 0011: the vacuum after a merge or a full extract must not cut these short under a lock readers queue behind.
ALTER TABLE authority SET (vacuum_truncate = false);
ALTER TABLE benchmark_measures SET (vacuum_truncate = false);
ALTER TABLE benchmark_values SET (vacuum_truncate = false);
ALTER TABLE statistical_neighbours SET (vacuum_truncate = false);
