-- Exclusions (count) of type permanent from the primary phase with start_on in the rolling window
-- (at M = August, the academic-year total).
CREATE OR REPLACE VIEW excl_permanent_primary AS
SELECT m.month,
       e.district_code,
       sum(e.exclusions) AS numerator,
       NULL::bigint AS denominator
FROM report_months m
JOIN _exclusions_by_month e ON e.start_month BETWEEN m.window_start AND m.month
WHERE e.type = 'permanent' AND e.phase = 'primary'
GROUP BY m.month, e.district_code;
