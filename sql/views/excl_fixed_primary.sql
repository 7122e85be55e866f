-- Exclusions (count) of type fixed from the primary phase with start_on in the rolling window
-- (at M = August, the academic-year total).
CREATE OR REPLACE VIEW excl_fixed_primary AS
SELECT m.month,
       e.district_code,
       sum(e.exclusions) AS numerator,
       NULL::bigint AS denominator
FROM report_months m
JOIN _exclusions_by_month e ON e.start_month BETWEEN m.window_start AND m.month
WHERE e.type = 'fixed' AND e.phase = 'primary'
GROUP BY m.month, e.district_code;
