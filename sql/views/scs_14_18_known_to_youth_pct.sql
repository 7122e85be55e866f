-- Young people aged 14 to 18 at E in an SCS case open at E, counted once per child and district, with
-- a youth contact in the rolling window / all such young people. District: the SCS case's.
CREATE OR REPLACE VIEW scs_14_18_known_to_youth_pct AS
WITH children AS (
  SELECT DISTINCT month, month_end, window_start, district_code, child_id
  FROM _scs_open_cases
  WHERE age BETWEEN 14 AND 18
),
known AS (
  SELECT c.month, c.district_code, count(*) AS children
  FROM children c
  WHERE EXISTS (SELECT 1 FROM youth_contacts y
                WHERE y.young_person_id = c.child_id AND y.contacted_on BETWEEN c.window_start AND c.month_end)
  GROUP BY c.month, c.district_code
)
SELECT c.month,
       c.district_code,
       coalesce(max(k.children), 0) AS numerator,
       count(*) AS denominator
FROM children c
LEFT JOIN known k ON k.month = c.month AND k.district_code = c.district_code
GROUP BY c.month, c.district_code;
