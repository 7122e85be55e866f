-- Children in open SCS cases, as spans of months [from_month, until_month): the months at whose end
-- they have a case open in the district (opened_on <= E, closed_on empty or > E) and are in the age
-- band of a measure ('under_5': under 5 at E; '14_to_18': aged 14 to 18 at E). A child's overlapping
-- cases in one district are merged, so each child counts once per district and month. Working in spans
-- rather than month by month keeps the work proportional to the number of cases. Materialized (refreshed
-- by refreshResults before the measures), as both SCS age-band measures read it twice.
DROP MATERIALIZED VIEW IF EXISTS _scs_children CASCADE;
CREATE MATERIALIZED VIEW _scs_children AS
WITH banded AS (
  SELECT 'under_5' AS band, child_id, district_code,
         month_of(opened_on) AS from_month,
         least(coalesce(month_of(closed_on), 'infinity'::date), month_reaching_age(child_dob, 5)) AS until_month
  FROM scs_cases
  UNION ALL
  SELECT '14_to_18', child_id, district_code,
         greatest(month_of(opened_on), month_reaching_age(child_dob, 14)),
         least(coalesce(month_of(closed_on), 'infinity'::date), month_reaching_age(child_dob, 19))
  FROM scs_cases
),
marked AS (
  SELECT band, child_id, district_code, from_month, until_month,
         CASE WHEN from_month <= max(until_month) OVER (
                PARTITION BY band, child_id, district_code ORDER BY from_month, until_month
                ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)
              THEN 0 ELSE 1 END AS starts_new
  FROM banded
  WHERE from_month < until_month
),
numbered AS (
  SELECT band, child_id, district_code, from_month, until_month,
         sum(starts_new) OVER (PARTITION BY band, child_id, district_code ORDER BY from_month, until_month
                               ROWS UNBOUNDED PRECEDING) AS merged
  FROM marked
)
SELECT band, child_id, district_code, min(from_month) AS from_month, max(until_month) AS until_month
FROM numbered
GROUP BY band, child_id, district_code, merged
WITH NO DATA;
