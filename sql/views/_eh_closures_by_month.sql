-- Early help closures counted by month of closure, district and reason: the building block of the
-- measures over "cases closed in the window".
CREATE OR REPLACE VIEW _eh_closures_by_month AS
SELECT month_of(closed_on) AS closed_month,
       district_code,
       closure_reason,
       count(*) AS cases
FROM early_help_cases
WHERE closed_on IS NOT NULL
GROUP BY 1, 2, 3;
