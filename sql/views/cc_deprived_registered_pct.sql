-- Children registered on or before E, aged under 5 at E, living in an LSOA with imd_decile <= 3
-- / the under-5 population of those LSOAs (latest mid-year whose 30 June <= E). District: the LSOA's.
-- Children are grouped by the span of months in which they count, then counted for each month inside it.
CREATE OR REPLACE VIEW cc_deprived_registered_pct AS
WITH spans AS (
  SELECT district_code, from_month, until_month, count(*) AS children
  FROM _cc_deprived_registrations
  WHERE from_month < until_month
  GROUP BY 1, 2, 3
),
registered AS (
  SELECT m.month, s.district_code, sum(s.children) AS children
  FROM report_months m
  JOIN spans s ON s.from_month <= m.month AND m.month < s.until_month
  GROUP BY m.month, s.district_code
)
SELECT coalesce(r.month, p.month) AS month,
       coalesce(r.district_code, p.district_code) AS district_code,
       coalesce(r.children, 0) AS numerator,
       coalesce(p.under_5, 0) AS denominator
FROM registered r
FULL JOIN _cc_deprived_population p ON p.month = r.month AND p.district_code = r.district_code;
