-- Persistent absence, computed once per academic year and set of complete terms (autumn; autumn and
-- spring; all three) rather than once per month. Rows are grouped by pupil_id, district_code and phase;
-- a pupil with possible sessions is persistently absent at a threshold when Σ absent / Σ possible is at
-- least that share, compared in integers (absent * 10 >= possible is exactly 10%, no rounding).
-- Pupils with no possible sessions in the terms are left out of both counts.
-- Materialized (_pa_year_counts): refreshResults refreshes every materialized view named _* before the
-- measures, so the four persistent absence measures read this small table.

-- Pupils with possible sessions, and those at least 10% and 15% absent, in the first one, two and three
-- terms of each academic year, district and phase. The primary key's index carries the sessions
-- (migrations 0003 and 0004): read in key order it yields each pupil-year's terms one after another,
-- summed as they pass, without the table and without a hash table of every pupil-year (13.5M at ten
-- times Kent; hashing them takes about twice as long). The planner cannot see how many pupil-years there
-- are (sampled statistics put them at a quarter) and would hash them: this function turns the table scan
-- off for its own query only.
DROP FUNCTION IF EXISTS _pa_counts() CASCADE;
CREATE FUNCTION _pa_counts()
RETURNS TABLE (academic_year integer, district_code text, phase text,
               pupils_1 bigint, absent_10pct_1 bigint, absent_15pct_1 bigint,
               pupils_2 bigint, absent_10pct_2 bigint, absent_15pct_2 bigint,
               pupils_3 bigint, absent_10pct_3 bigint, absent_15pct_3 bigint,
               autumn_rows bigint, spring_rows bigint, summer_rows bigint)
LANGUAGE sql STABLE
SET enable_seqscan = off
BEGIN ATOMIC
  SELECT academic_year, district_code, phase,
         count(*) FILTER (WHERE possible_1 > 0),
         count(*) FILTER (WHERE possible_1 > 0 AND absent_1 * 10 >= possible_1),
         count(*) FILTER (WHERE possible_1 > 0 AND absent_1 * 20 >= possible_1 * 3),
         count(*) FILTER (WHERE possible_2 > 0),
         count(*) FILTER (WHERE possible_2 > 0 AND absent_2 * 10 >= possible_2),
         count(*) FILTER (WHERE possible_2 > 0 AND absent_2 * 20 >= possible_2 * 3),
         count(*) FILTER (WHERE possible_3 > 0),
         count(*) FILTER (WHERE possible_3 > 0 AND absent_3 * 10 >= possible_3),
         count(*) FILTER (WHERE possible_3 > 0 AND absent_3 * 20 >= possible_3 * 3),
         -- the rows of each term (a pupil-year has at most one per term): which terms are loaded, and the
         -- table's row count, for coverage
         count(*) FILTER (WHERE possible_1 IS NOT NULL),
         sum(spring_rows)::bigint,
         sum(summer_rows)::bigint
  FROM (
    -- each pupil-year's sessions in its first one, two and three terms (null: no row in those terms)
    SELECT academic_year, district_code, phase,
           sum(possible_sessions) FILTER (WHERE term = 'autumn') AS possible_1,
           sum(absent_sessions) FILTER (WHERE term = 'autumn') AS absent_1,
           sum(possible_sessions) FILTER (WHERE term IN ('autumn', 'spring')) AS possible_2,
           sum(absent_sessions) FILTER (WHERE term IN ('autumn', 'spring')) AS absent_2,
           sum(possible_sessions) AS possible_3,
           sum(absent_sessions) AS absent_3,
           count(*) FILTER (WHERE term = 'spring') AS spring_rows,
           count(*) FILTER (WHERE term = 'summer') AS summer_rows
    FROM pupil_absence
    GROUP BY pupil_id, academic_year, district_code, phase  -- the key's order (migration 0004)
  ) pupil_years
  GROUP BY academic_year, district_code, phase;
END;

-- Materialized once per refresh; the measures read it through _pa_term_sets, and coverage reads which terms
-- each academic year has (results/coverage.ts).
DROP MATERIALIZED VIEW IF EXISTS _pa_year_counts CASCADE;
CREATE MATERIALIZED VIEW _pa_year_counts AS SELECT * FROM _pa_counts() WITH NO DATA;

CREATE OR REPLACE VIEW _pa_term_sets AS
SELECT c.academic_year, c.district_code, c.phase, t.terms_complete, t.pupils, t.absent_10pct, t.absent_15pct
FROM _pa_year_counts c
CROSS JOIN LATERAL (VALUES
  (1, c.pupils_1, c.absent_10pct_1, c.absent_15pct_1),
  (2, c.pupils_2, c.absent_10pct_2, c.absent_15pct_2),
  (3, c.pupils_3, c.absent_10pct_3, c.absent_15pct_3)
) AS t(terms_complete, pupils, absent_10pct, absent_15pct);

-- The terms each month reports: terms of its academic year complete by E (autumn by the end of
-- December, spring by the end of March, summer by the end of July). From September to December none
-- is complete, so the whole previous academic year is shown. Academic year Y runs September Y-1 to
-- August Y, so the year shown is always the calendar year of the month.
CREATE OR REPLACE VIEW _pa_month_terms AS
SELECT m.month,
       extract(year FROM m.month)::integer AS academic_year,
       CASE
         WHEN extract(month FROM m.month) IN (1, 2) THEN 1        -- autumn
         WHEN extract(month FROM m.month) IN (3, 4, 5, 6) THEN 2  -- autumn, spring
         ELSE 3                                                   -- July, August; September to December: previous year
       END AS terms_complete
FROM report_months m;
