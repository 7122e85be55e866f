-- Early help cases closed in the rolling window with reason stepped_up_to_scs / cases closed in the window.
CREATE OR REPLACE VIEW eh_stepped_up_to_scs_pct AS
SELECT m.month,
       c.district_code,
       sum(c.cases) FILTER (WHERE c.closure_reason = 'stepped_up_to_scs') AS numerator,
       sum(c.cases) AS denominator
FROM report_months m
JOIN _eh_closures_by_month c ON c.closed_month BETWEEN m.window_start AND m.month
GROUP BY m.month, c.district_code;
