-- Closures in the rolling window with statutory_school_age and ete_hours >= 25
-- / closures in the window with statutory_school_age.
CREATE OR REPLACE VIEW yo_school_age_ft_education_pct AS
SELECT m.month,
       c.district_code,
       sum(c.at_least_25_hours) AS numerator,
       sum(c.closures) AS denominator
FROM report_months m
JOIN _yj_closures_by_month c ON c.closed_month BETWEEN m.window_start AND m.month
WHERE c.statutory_school_age
GROUP BY m.month, c.district_code;
