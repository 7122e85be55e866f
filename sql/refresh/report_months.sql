-- The months the results are computed for: from the month of the earliest event of the record datasets
-- (inspections and absence terms left out: old inspections do not stretch the calendar back years) to the
-- later of the latest event's month and the last month any dataset covers (its as-at date may be later
-- than its last event), each with its end date and the first day of its twelve-month rolling window.
-- Reads dataset_coverage, which the refresh has just brought up to date (results/coverage.ts), so no
-- record table is scanned again here.
-- DELETE, not TRUNCATE: readers keep reading the previous months until the refresh commits.
DELETE FROM report_months;
INSERT INTO report_months (month, month_end, window_start)
SELECT m::date, (m + interval '1 month' - interval '1 day')::date, (m - interval '11 months')::date
FROM (
  SELECT min(first_event) FILTER (WHERE dataset NOT IN ('cc_inspections', 'pupil_absence')) AS first_day,
         greatest(max(last_event) FILTER (WHERE dataset NOT IN ('cc_inspections', 'pupil_absence')), max(covered_to)) AS last_day
  FROM dataset_coverage
  WHERE row_count > 0 AND first_event IS NOT NULL
) range,
LATERAL generate_series(date_trunc('month', range.first_day), date_trunc('month', range.last_day), interval '1 month') AS m
WHERE range.first_day IS NOT NULL;
