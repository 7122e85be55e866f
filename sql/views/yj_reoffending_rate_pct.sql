-- Cohort of month M: young people with a substantive outcome in the rolling window of M - 12 (months
-- M - 23 to M - 12); index date: their first substantive outcome in that window; numerator: those with
-- another substantive outcome in (index, index + 365 days] (day 365 counts, 366 does not).
-- District: the index outcome's (the lowest outcome_id when two fall on the index day).
--
-- Rather than rebuilding the cohort month by month: an outcome day in month A is in the cohort window
-- of months A + 12 to A + 23, and is the index there unless the person's previous outcome day is in the
-- same window, i.e. from month P + 24 on (P: the previous day's month). So each outcome day is the
-- index for the months from greatest(A + 12, P + 24) up to A + 23, and whether it was followed by
-- another outcome within 365 days is fixed.
CREATE OR REPLACE VIEW yj_reoffending_rate_pct AS
WITH outcome_days AS (
  SELECT DISTINCT ON (young_person_id, outcome_on) young_person_id, outcome_on, district_code
  FROM _yj_substantive_outcomes
  ORDER BY young_person_id, outcome_on, outcome_id
),
sequenced AS (
  SELECT district_code,
         month_of(outcome_on) AS outcome_month,
         month_of(lag(outcome_on) OVER person) AS previous_month,
         lead(outcome_on) OVER person <= outcome_on + 365 AS reoffended
  FROM outcome_days
  WINDOW person AS (PARTITION BY young_person_id ORDER BY outcome_on)
),
spans AS (
  SELECT district_code,
         greatest((outcome_month + interval '12 months')::date,
                  coalesce((previous_month + interval '24 months')::date, '-infinity'::date)) AS from_month,
         (outcome_month + interval '24 months')::date AS until_month,
         count(*) FILTER (WHERE reoffended) AS reoffended,
         count(*) AS people
  FROM sequenced
  GROUP BY 1, 2, 3
)
SELECT m.month,
       s.district_code,
       sum(s.reoffended) AS numerator,
       sum(s.people) AS denominator
FROM report_months m
JOIN spans s ON s.from_month <= m.month AND m.month < s.until_month
GROUP BY m.month, s.district_code;
