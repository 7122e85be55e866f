-- Building blocks of the two measures over children under 5 in the 30% most deprived LSOAs
-- (imd_decile <= 3). District: the LSOA's.

-- Denominator: the under-5 population of those LSOAs in the latest mid_year whose 30 June is on or
-- before E (one mid-year for the whole county: the latest with any population rows).
CREATE OR REPLACE VIEW _cc_deprived_population AS
WITH mid_years AS (
  SELECT DISTINCT mid_year FROM lsoa_populations
),
mid_year_of_month AS (
  SELECT m.month,
         (SELECT max(y.mid_year) FROM mid_years y WHERE make_date(y.mid_year, 6, 30) <= m.month_end) AS mid_year
  FROM report_months m
)
SELECT y.month, l.district_code, sum(p.under_5) AS under_5
FROM mid_year_of_month y
JOIN lsoa_populations p ON p.mid_year = y.mid_year
JOIN lsoas l ON l.lsoa_code = p.lsoa_code
WHERE l.imd_decile <= 3
GROUP BY y.month, l.district_code;

-- Registered children living in those LSOAs, with the span of months in which they count: from the
-- month of registration (registered_on <= E) up to the month before the one at whose end they are 5.
-- Materialized (refreshed by refreshResults before the measures): both measures read it, and the age
-- rule is the costly part, so it is worked out once per child.
DROP MATERIALIZED VIEW IF EXISTS _cc_deprived_registrations CASCADE;
CREATE MATERIALIZED VIEW _cc_deprived_registrations AS
SELECT r.child_id,
       l.district_code,
       month_of(r.registered_on) AS from_month,
       month_reaching_age(r.child_dob, 5) AS until_month
FROM cc_registrations r
JOIN lsoas l ON l.lsoa_code = r.lsoa_code
WHERE l.imd_decile <= 3
WITH NO DATA;
