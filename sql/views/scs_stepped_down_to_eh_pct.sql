-- SCS cases closed in the rolling window with stepped_down_to_early_help = true / SCS cases closed in the window.
CREATE OR REPLACE VIEW scs_stepped_down_to_eh_pct AS
WITH closed AS (
  SELECT month_of(closed_on) AS closed_month,
         district_code,
         count(*) FILTER (WHERE stepped_down_to_early_help) AS stepped_down,
         count(*) AS cases
  FROM scs_cases
  WHERE closed_on IS NOT NULL
  GROUP BY 1, 2
)
SELECT m.month,
       c.district_code,
       sum(c.stepped_down) AS numerator,
       sum(c.cases) AS denominator
FROM report_months m
JOIN closed c ON c.closed_month BETWEEN m.window_start AND m.month
GROUP BY m.month, c.district_code;
