-- Exclusions (activity count): exclusions with start_on in month M, both phases and both types.
CREATE OR REPLACE VIEW act_exclusions AS
SELECT m.month, e.district_code, sum(e.exclusions) AS numerator, NULL::bigint AS denominator
FROM report_months m
JOIN _exclusions_by_month e ON e.start_month = m.month
GROUP BY m.month, e.district_code;
