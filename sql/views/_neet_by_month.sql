-- Participation rows of each month and district by activity, in one pass over neet_activity (the
-- largest record table after pupil_absence). Materialized: refreshResults refreshes every materialized
-- view named _* before the measures and report_months, so both NEET measures, and the month bounds of
-- report_months, read this small table.
DROP MATERIALIZED VIEW IF EXISTS _neet_by_month CASCADE;
CREATE MATERIALIZED VIEW _neet_by_month AS
SELECT month,
       district_code,
       coalesce(max(participants) FILTER (WHERE activity = 'eet'), 0) AS eet,
       coalesce(max(participants) FILTER (WHERE activity = 'neet'), 0) AS neet,
       coalesce(max(participants) FILTER (WHERE activity = 'unknown'), 0) AS unknown
FROM (
  -- counting by activity (one count per row, no filters) is the cheap part of the pass over the table;
  -- the pivot below sees a few thousand rows
  SELECT month, district_code, activity, count(*) AS participants
  FROM neet_activity
  GROUP BY month, district_code, activity
) by_activity
GROUP BY month, district_code
WITH NO DATA;
