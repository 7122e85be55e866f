-- Children under 5 at E in an SCS case open at E, counted once per child and district, with a
-- Children's Centre registration on or before E / all such children. District: the SCS case's.
CREATE OR REPLACE VIEW scs_0_5_known_to_cc_pct AS
WITH children AS (
  SELECT DISTINCT month, month_end, district_code, child_id
  FROM _scs_open_cases
  WHERE age < 5
)
SELECT c.month,
       c.district_code,
       count(*) FILTER (WHERE r.registered_on <= c.month_end) AS numerator,
       count(*) AS denominator
FROM children c
LEFT JOIN cc_registrations r ON r.child_id = c.child_id   -- one registration per child at most
GROUP BY c.month, c.district_code;
