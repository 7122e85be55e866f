-- Persistent absence, computed once per academic year and set of complete terms (autumn; autumn and
-- spring; all three) rather than once per month. Rows are grouped by pupil_id, district_code and phase;
-- a pupil with possible sessions is persistently absent at a threshold when Σ absent / Σ possible is at
-- least that share, compared in integers (absent * 10 >= possible is exactly 10%, no rounding).
-- Pupils with no possible sessions in the terms are left out of both counts.
-- The terms are joined side by side (parallel hash joins) rather than grouped by pupil: several times
-- faster on the largest table. Materialized: refreshResults refreshes every materialized view named _*
-- before the measures, so the four persistent absence measures read this small table.
DROP MATERIALIZED VIEW IF EXISTS _pa_term_sets CASCADE;
CREATE MATERIALIZED VIEW _pa_term_sets AS
WITH pupils AS (
  -- Each pupil's autumn, spring and summer rows side by side (a term may be missing), with the
  -- sessions of the first one, two and three terms.
  SELECT academic_year, district_code, phase,
         a.possible_sessions AS possible_1,
         a.absent_sessions AS absent_1,
         coalesce(a.possible_sessions, 0) + coalesce(s.possible_sessions, 0) AS possible_2,
         coalesce(a.absent_sessions, 0) + coalesce(s.absent_sessions, 0) AS absent_2,
         coalesce(a.possible_sessions, 0) + coalesce(s.possible_sessions, 0) + coalesce(u.possible_sessions, 0) AS possible_3,
         coalesce(a.absent_sessions, 0) + coalesce(s.absent_sessions, 0) + coalesce(u.absent_sessions, 0) AS absent_3
  FROM (SELECT * FROM pupil_absence WHERE term = 'autumn') a
  FULL JOIN (SELECT * FROM pupil_absence WHERE term = 'spring') s USING (pupil_id, district_code, phase, academic_year)
  FULL JOIN (SELECT * FROM pupil_absence WHERE term = 'summer') u USING (pupil_id, district_code, phase, academic_year)
),
counts AS (
  SELECT academic_year, district_code, phase,
         count(*) FILTER (WHERE possible_1 > 0) AS pupils_1,
         count(*) FILTER (WHERE possible_1 > 0 AND absent_1 * 10 >= possible_1) AS absent_10pct_1,
         count(*) FILTER (WHERE possible_1 > 0 AND absent_1 * 20 >= possible_1 * 3) AS absent_15pct_1,
         count(*) FILTER (WHERE possible_2 > 0) AS pupils_2,
         count(*) FILTER (WHERE possible_2 > 0 AND absent_2 * 10 >= possible_2) AS absent_10pct_2,
         count(*) FILTER (WHERE possible_2 > 0 AND absent_2 * 20 >= possible_2 * 3) AS absent_15pct_2,
         count(*) FILTER (WHERE possible_3 > 0) AS pupils_3,
         count(*) FILTER (WHERE possible_3 > 0 AND absent_3 * 10 >= possible_3) AS absent_10pct_3,
         count(*) FILTER (WHERE possible_3 > 0 AND absent_3 * 20 >= possible_3 * 3) AS absent_15pct_3
  FROM pupils
  GROUP BY academic_year, district_code, phase
)
SELECT c.academic_year, c.district_code, c.phase, t.terms_complete, t.pupils, t.absent_10pct, t.absent_15pct
FROM counts c
CROSS JOIN LATERAL (VALUES
  (1, c.pupils_1, c.absent_10pct_1, c.absent_15pct_1),
  (2, c.pupils_2, c.absent_10pct_2, c.absent_15pct_2),
  (3, c.pupils_3, c.absent_10pct_3, c.absent_15pct_3)
) AS t(terms_complete, pupils, absent_10pct, absent_15pct)
WITH NO DATA;

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
