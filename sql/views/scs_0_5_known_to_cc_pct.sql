-- Children under 5 at E in an SCS case open at E, counted once per child and district, with a
-- Children's Centre registration on or before E / all such children. District: the SCS case's.
-- Spans of months (see _scs_children.sql) are grouped alike and counted for each month inside them.
CREATE OR REPLACE VIEW scs_0_5_known_to_cc_pct AS
WITH children AS (
  SELECT district_code, from_month, until_month, count(*) AS children
  FROM _scs_children
  WHERE band = 'under_5'
  GROUP BY 1, 2, 3
),
registered AS (
  -- the part of each span from the month of registration on (registered_on <= E)
  SELECT c.district_code, greatest(c.from_month, month_of(r.registered_on)) AS from_month, c.until_month, count(*) AS children
  FROM _scs_children c
  JOIN cc_registrations r ON r.child_id = c.child_id
  WHERE c.band = 'under_5' AND greatest(c.from_month, month_of(r.registered_on)) < c.until_month
  GROUP BY 1, 2, 3
),
denominator AS (
  SELECT m.month, c.district_code, sum(c.children) AS children
  FROM report_months m JOIN children c ON c.from_month <= m.month AND m.month < c.until_month
  GROUP BY 1, 2
),
numerator AS (
  SELECT m.month, r.district_code, sum(r.children) AS children
  FROM report_months m JOIN registered r ON r.from_month <= m.month AND m.month < r.until_month
  GROUP BY 1, 2
)
SELECT d.month,
       d.district_code,
       coalesce(n.children, 0) AS numerator,
       d.children AS denominator
FROM denominator d
LEFT JOIN numerator n ON n.month = d.month AND n.district_code = d.district_code;
