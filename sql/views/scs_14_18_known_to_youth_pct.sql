-- Young people aged 14 to 18 at E in an SCS case open at E, counted once per child and district, with
-- a youth contact in the rolling window / all such young people. District: the SCS case's.
-- Spans of months (see _scs_children.sql) are grouped alike and counted for each month inside them.
-- A contact in month A is in the windows of months A to A + 11; each contact adds the months of
-- [A, A + 12) not already covered by the person's previous contact (month P): [greatest(A, P + 12),
-- A + 12). These pieces do not overlap, so the numerator spans, where pieces and SCS spans overlap,
-- count each young person once a month. Only the contacts of young people in those SCS spans are read.
CREATE OR REPLACE VIEW scs_14_18_known_to_youth_pct AS
WITH children AS (
  SELECT district_code, from_month, until_month, count(*) AS children
  FROM _scs_children
  WHERE band = '14_to_18'
  GROUP BY 1, 2, 3
),
contacts AS (
  SELECT young_person_id,
         month_of(contacted_on) AS month,
         month_of(lag(contacted_on) OVER (PARTITION BY young_person_id ORDER BY contacted_on)) AS previous_month
  FROM youth_contacts
  WHERE young_person_id IN (SELECT child_id FROM _scs_children WHERE band = '14_to_18')
),
contact_pieces AS (
  SELECT young_person_id,
         greatest(month, (previous_month + interval '12 months')::date) AS from_month,  -- greatest skips a null
         (month + interval '12 months')::date AS until_month
  FROM contacts
),
known AS (
  SELECT c.district_code,
         greatest(c.from_month, y.from_month) AS from_month,
         least(c.until_month, y.until_month) AS until_month,
         count(*) AS children
  FROM _scs_children c
  JOIN contact_pieces y ON y.young_person_id = c.child_id
  WHERE c.band = '14_to_18' AND greatest(c.from_month, y.from_month) < least(c.until_month, y.until_month)
  GROUP BY 1, 2, 3
),
denominator AS (
  SELECT m.month, c.district_code, sum(c.children) AS children
  FROM report_months m JOIN children c ON c.from_month <= m.month AND m.month < c.until_month
  GROUP BY 1, 2
),
numerator AS (
  SELECT m.month, k.district_code, sum(k.children) AS children
  FROM report_months m JOIN known k ON k.from_month <= m.month AND m.month < k.until_month
  GROUP BY 1, 2
)
SELECT d.month,
       d.district_code,
       coalesce(n.children, 0) AS numerator,
       d.children AS denominator
FROM denominator d
LEFT JOIN numerator n ON n.month = d.month AND n.district_code = d.district_code;
