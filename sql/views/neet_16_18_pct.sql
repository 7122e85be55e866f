-- Rows of month M with activity neet / rows of month M with activity eet or neet (unknowns left out).
CREATE OR REPLACE VIEW neet_16_18_pct AS
SELECT month,
       district_code,
       neet AS numerator,
       eet + neet AS denominator
FROM _neet_by_month;
