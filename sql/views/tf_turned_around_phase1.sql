-- Troubled Families Phase 1 claims (count) with claimed_on on or before E.
CREATE OR REPLACE VIEW tf_turned_around_phase1 AS
WITH claims AS (
  SELECT month_of(claimed_on) AS claimed_month, district_code, count(*) AS claims
  FROM tf_claims
  WHERE phase = 1
  GROUP BY 1, 2
)
SELECT m.month,
       c.district_code,
       sum(c.claims) AS numerator,
       NULL::bigint AS denominator
FROM report_months m
JOIN claims c ON c.claimed_month <= m.month
GROUP BY m.month, c.district_code;
