-- Open SCS cases (activity count, a stock at E): opened_on <= E and closed_on empty or > E. As caseload_open,
-- a case is open at the end of each month from the month it opened up to the month before the one it closed
-- in; cases are grouped by that span, then counted for each month inside it.
CREATE OR REPLACE VIEW act_scs_open_cases AS
WITH spans AS (
  SELECT district_code,
         month_of(opened_on) AS from_month,
         coalesce(month_of(closed_on), 'infinity'::date) AS until_month,
         count(*) AS cases
  FROM scs_cases
  GROUP BY 1, 2, 3
)
SELECT m.month, s.district_code, sum(s.cases) AS numerator, NULL::bigint AS denominator
FROM report_months m
JOIN spans s ON s.from_month <= m.month AND m.month < s.until_month
GROUP BY m.month, s.district_code;
