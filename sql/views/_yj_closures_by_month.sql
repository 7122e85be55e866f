-- Youth offending closures counted by month, district and statutory school age, with how many had at
-- least 25 and at least 16 hours of education, employment or training.
CREATE OR REPLACE VIEW _yj_closures_by_month AS
SELECT month_of(closed_on) AS closed_month,
       district_code,
       statutory_school_age,
       count(*) FILTER (WHERE ete_hours >= 25) AS at_least_25_hours,
       count(*) FILTER (WHERE ete_hours >= 16) AS at_least_16_hours,
       count(*) AS closures
FROM yj_closures
GROUP BY 1, 2, 3;
