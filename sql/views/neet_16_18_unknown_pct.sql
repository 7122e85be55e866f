-- Rows of month M with activity unknown / all rows of month M (shown beside neet_16_18_pct).
CREATE OR REPLACE VIEW neet_16_18_unknown_pct AS
SELECT month,
       district_code,
       unknown AS numerator,
       eet + neet + unknown AS denominator
FROM _neet_by_month;
