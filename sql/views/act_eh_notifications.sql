-- Early help notifications (activity count): cases with notified_on in month M.
CREATE OR REPLACE VIEW act_eh_notifications AS
SELECT m.month, e.district_code, e.cases AS numerator, NULL::bigint AS denominator
FROM report_months m
JOIN (SELECT month_of(notified_on) AS notified_month, district_code, count(*) AS cases
      FROM early_help_cases GROUP BY 1, 2) e ON e.notified_month = m.month;
