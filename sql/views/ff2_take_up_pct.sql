-- In the latest snapshot_month <= M that has any rows in the county: rows with taking_up / all rows
-- (every row is an eligible child). District: the row's.
CREATE OR REPLACE VIEW ff2_take_up_pct AS
WITH snapshots AS (
  SELECT snapshot_month, district_code, count(*) FILTER (WHERE taking_up) AS taking_up, count(*) AS eligible
  FROM ff2_places
  GROUP BY 1, 2
),
latest AS (
  SELECT m.month, (SELECT max(s.snapshot_month) FROM snapshots s WHERE s.snapshot_month <= m.month) AS snapshot_month
  FROM report_months m
)
SELECT l.month,
       s.district_code,
       s.taking_up AS numerator,
       s.eligible AS denominator
FROM latest l
JOIN snapshots s ON s.snapshot_month = l.snapshot_month;
