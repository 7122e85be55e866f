-- Cohort: early help cases closed in the rolling window of month M - 12, other than by step-up to SCS.
-- Numerator: those whose child has a new early help notification or an SCS referral in
-- (closed_on, closed_on + 365 days] (day 365 counts, 366 does not), in any district. District: the
-- closed case's. The follow-up of a case closed by the end of M - 12 always ends by the end of M, so
-- whether a closed case was re-referred is fixed once, and the cohort windows just sum the cases.
CREATE OR REPLACE VIEW eh_rereferred_within_12m_pct AS
WITH closed AS (
  SELECT case_id, child_id, district_code, closed_on
  FROM early_help_cases
  WHERE closed_on IS NOT NULL AND closure_reason <> 'stepped_up_to_scs'
),
rereferred AS (
  SELECT c.case_id FROM closed c
  WHERE EXISTS (SELECT 1 FROM early_help_cases n
                WHERE n.child_id = c.child_id AND n.notified_on > c.closed_on AND n.notified_on <= c.closed_on + 365)
  UNION
  SELECT c.case_id FROM closed c
  WHERE EXISTS (SELECT 1 FROM scs_referrals r
                WHERE r.child_id = c.child_id AND r.referred_on > c.closed_on AND r.referred_on <= c.closed_on + 365)
),
closed_by_month AS (
  SELECT month_of(c.closed_on) AS closed_month,
         c.district_code,
         count(r.case_id) AS rereferred,
         count(*) AS cases
  FROM closed c
  LEFT JOIN rereferred r ON r.case_id = c.case_id
  GROUP BY 1, 2
)
SELECT m.month,
       c.district_code,
       sum(c.rereferred) AS numerator,
       sum(c.cases) AS denominator
FROM report_months m
JOIN closed_by_month c
  ON c.closed_month BETWEEN (m.window_start - interval '12 months')::date AND (m.month - interval '12 months')::date
GROUP BY m.month, c.district_code;
