-- As cc_deprived_registered_pct, the numerator restricted to children with an attendance in the
-- rolling window. An attendance in month A is in the windows of months A to A + 11; a child's
-- attendance months closer than 12 months apart merge into one stretch of such months, and the child
-- counts in the months where a stretch meets their registration span.
CREATE OR REPLACE VIEW cc_deprived_attending_pct AS
WITH attendance_months AS (
  -- only the children the measure can count: registered in a deprived LSOA
  SELECT DISTINCT a.child_id, month_of(a.attended_on) AS month
  FROM cc_attendances a
  WHERE a.child_id IN (SELECT child_id FROM _cc_deprived_registrations)
),
marked AS (
  SELECT child_id, month,
         CASE WHEN lag(month) OVER (PARTITION BY child_id ORDER BY month) >= (month - interval '12 months')::date
              THEN 0 ELSE 1 END AS starts_stretch
  FROM attendance_months
),
numbered AS (
  SELECT child_id, month, sum(starts_stretch) OVER (PARTITION BY child_id ORDER BY month) AS stretch
  FROM marked
),
stretches AS (
  SELECT child_id, min(month) AS from_month, (max(month) + interval '12 months')::date AS until_month
  FROM numbered
  GROUP BY child_id, stretch
),
spans AS (
  SELECT r.district_code,
         greatest(r.from_month, s.from_month) AS from_month,
         least(r.until_month, s.until_month) AS until_month,
         count(*) AS children
  FROM _cc_deprived_registrations r
  JOIN stretches s ON s.child_id = r.child_id
  WHERE greatest(r.from_month, s.from_month) < least(r.until_month, s.until_month)
  GROUP BY 1, 2, 3
),
attending AS (
  SELECT m.month, s.district_code, sum(s.children) AS children
  FROM report_months m
  JOIN spans s ON s.from_month <= m.month AND m.month < s.until_month
  GROUP BY m.month, s.district_code
)
SELECT coalesce(a.month, p.month) AS month,
       coalesce(a.district_code, p.district_code) AS district_code,
       coalesce(a.children, 0) AS numerator,
       coalesce(p.under_5, 0) AS denominator
FROM attending a
FULL JOIN _cc_deprived_population p ON p.month = a.month AND p.district_code = a.district_code;
