-- Early help cases whose plan_on is in the rolling window and no more than 28 days after notified_on
-- (28 counts, 29 does not) / cases whose plan_on is in the window.
CREATE OR REPLACE VIEW eh_plans_within_4_weeks_pct AS
WITH plans AS (
  SELECT month_of(plan_on) AS plan_month,
         district_code,
         count(*) FILTER (WHERE plan_on - notified_on <= 28) AS within_28_days,
         count(*) AS plans
  FROM early_help_cases
  WHERE plan_on IS NOT NULL
  GROUP BY 1, 2
)
SELECT m.month,
       p.district_code,
       sum(p.within_28_days) AS numerator,
       sum(p.plans) AS denominator
FROM report_months m
JOIN plans p ON p.plan_month BETWEEN m.window_start AND m.month
GROUP BY m.month, p.district_code;
