-- Open early help caseload (count): cases with notified_on <= E and closed_on empty or > E.
-- A case is open at the end of every month from the month it was notified up to the month before the
-- month it closed; cases are grouped by that span, then counted for each month inside it.
CREATE OR REPLACE VIEW caseload_open AS
WITH spans AS (
  SELECT district_code,
         month_of(notified_on) AS from_month,
         coalesce(month_of(closed_on), 'infinity'::date) AS until_month,
         count(*) AS cases
  FROM early_help_cases
  GROUP BY 1, 2, 3
)
SELECT m.month,
       s.district_code,
       sum(s.cases) AS numerator,
       NULL::bigint AS denominator
FROM report_months m
JOIN spans s ON s.from_month <= m.month AND m.month < s.until_month
GROUP BY m.month, s.district_code;
