-- As cc_deprived_registered_pct, the numerator restricted to children with an attendance in the
-- rolling window. An attendance in month A is in the windows of months A to A + 11. Each attendance
-- adds the months of [A, A + 12) not already covered by the child's previous attendance (month P):
-- [greatest(A, P + 12), A + 12), empty when P + 12 >= A + 12 (e.g. the same month). These pieces do not
-- overlap, so a child counts once in each month where they meet the registration span, and one pass
-- over the attendances in child order (lag) replaces grouping attendance months into stretches.
CREATE OR REPLACE VIEW cc_deprived_attending_pct AS
WITH attendances AS (
  -- only the children the measure can count: registered in a deprived LSOA (one registration each)
  SELECT r.district_code, r.from_month, r.until_month,
         month_of(a.attended_on) AS month,
         month_of(lag(a.attended_on) OVER (PARTITION BY a.child_id ORDER BY a.attended_on)) AS previous_month
  FROM cc_attendances a
  JOIN _cc_deprived_registrations r ON r.child_id = a.child_id
),
pieces AS (
  SELECT district_code,
         greatest(from_month, month, (previous_month + interval '12 months')::date) AS from_month,  -- greatest skips a null
         least(until_month, (month + interval '12 months')::date) AS until_month
  FROM attendances
),
spans AS (
  SELECT district_code, from_month, until_month, count(*) AS children
  FROM pieces
  WHERE from_month < until_month
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
