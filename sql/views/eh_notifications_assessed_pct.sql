-- Early help cases notified in the rolling window with an assessment on or before the month end
-- / cases notified in the window. An assessment is on or before E exactly when its month is M or earlier.
CREATE OR REPLACE VIEW eh_notifications_assessed_pct AS
WITH notified AS (
  SELECT month_of(notified_on) AS notified_month,
         month_of(assessed_on) AS assessed_month,   -- null: not assessed
         district_code,
         count(*) AS cases
  FROM early_help_cases
  GROUP BY 1, 2, 3
)
SELECT m.month,
       n.district_code,
       coalesce(sum(n.cases) FILTER (WHERE n.assessed_month <= m.month), 0) AS numerator,
       sum(n.cases) AS denominator
FROM report_months m
JOIN notified n ON n.notified_month BETWEEN m.window_start AND m.month
GROUP BY m.month, n.district_code;
