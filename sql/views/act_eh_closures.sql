-- Early help closures (activity count): cases with closed_on in month M, whatever the reason.
CREATE OR REPLACE VIEW act_eh_closures AS
SELECT m.month, c.district_code, sum(c.cases) AS numerator, NULL::bigint AS denominator
FROM report_months m
JOIN _eh_closures_by_month c ON c.closed_month = m.month
GROUP BY m.month, c.district_code;
