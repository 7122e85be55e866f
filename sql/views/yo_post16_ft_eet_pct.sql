-- Closures in the rolling window without statutory_school_age and ete_hours >= 16
-- / closures in the window without statutory_school_age.
CREATE OR REPLACE VIEW yo_post16_ft_eet_pct AS
SELECT m.month,
       c.district_code,
       sum(c.at_least_16_hours) AS numerator,
       sum(c.closures) AS denominator
FROM report_months m
JOIN _yj_closures_by_month c ON c.closed_month BETWEEN m.window_start AND m.month
WHERE NOT c.statutory_school_age
GROUP BY m.month, c.district_code;
