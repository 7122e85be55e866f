-- First time entrants (count): young people whose first ever substantive outcome (over all the data)
-- is in the rolling window and who were aged 10 to 17 on that date. District: that outcome's (the
-- lowest outcome_id when a person has two on their first day).
CREATE OR REPLACE VIEW yj_first_time_entrants AS
WITH first_outcomes AS (
  SELECT DISTINCT ON (young_person_id) young_person_id, young_person_dob, district_code, outcome_on
  FROM _yj_substantive_outcomes
  ORDER BY young_person_id, outcome_on, outcome_id
),
entrants AS (
  SELECT month_of(outcome_on) AS entry_month, district_code, count(*) AS entrants
  FROM first_outcomes
  WHERE age_in_years(young_person_dob, outcome_on) BETWEEN 10 AND 17
  GROUP BY 1, 2
)
SELECT m.month,
       e.district_code,
       sum(e.entrants) AS numerator,
       NULL::bigint AS denominator
FROM report_months m
JOIN entrants e ON e.entry_month BETWEEN m.window_start AND m.month
GROUP BY m.month, e.district_code;
