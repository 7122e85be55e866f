-- Children's Centres whose latest inspection on or before E is outstanding or good / centres with an
-- inspection on or before E. District: the centre's.
CREATE OR REPLACE VIEW cc_good_outstanding_pct AS
WITH latest AS (
  SELECT DISTINCT ON (m.month, i.centre_id) m.month, i.centre_id, i.judgement
  FROM report_months m
  JOIN cc_inspections i ON i.inspected_on <= m.month_end
  ORDER BY m.month, i.centre_id, i.inspected_on DESC
)
SELECT l.month,
       c.district_code,
       count(*) FILTER (WHERE l.judgement IN ('outstanding', 'good')) AS numerator,
       count(*) AS denominator
FROM latest l
JOIN childrens_centres c ON c.centre_id = l.centre_id
GROUP BY l.month, c.district_code;
