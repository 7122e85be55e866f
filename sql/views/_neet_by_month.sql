-- Participation rows of each month and district by activity, in one pass over neet_activity (the
-- largest record table after pupil_absence). Materialized: refreshResults refreshes every materialized
-- view named _* before computing the measures, so both NEET measures read this small table.
DROP MATERIALIZED VIEW IF EXISTS _neet_by_month CASCADE;
CREATE MATERIALIZED VIEW _neet_by_month AS
SELECT month,
       district_code,
       count(*) FILTER (WHERE activity = 'eet') AS eet,
       count(*) FILTER (WHERE activity = 'neet') AS neet,
       count(*) FILTER (WHERE activity = 'unknown') AS unknown
FROM neet_activity
GROUP BY month, district_code
WITH NO DATA;
