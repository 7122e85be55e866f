-- Exclusions counted by month of start_on, district, phase and type.
CREATE OR REPLACE VIEW _exclusions_by_month AS
SELECT month_of(start_on) AS start_month, district_code, phase, type, count(*) AS exclusions
FROM exclusions
GROUP BY 1, 2, 3, 4;
