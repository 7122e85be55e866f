-- SCS referrals received in the rolling window that were made within 365 days after an earlier referral
-- of the same child (1 to 365 days after; a second referral on the same day is not a re-referral)
-- / referrals received in the window. District: the referral's.
CREATE OR REPLACE VIEW scs_rereferral_12m_pct AS
WITH rereferrals AS (
  SELECT r.referral_id
  FROM scs_referrals r
  WHERE EXISTS (SELECT 1 FROM scs_referrals e
                WHERE e.child_id = r.child_id AND e.referred_on >= r.referred_on - 365 AND e.referred_on < r.referred_on)
),
by_month AS (
  SELECT month_of(r.referred_on) AS referred_month,
         r.district_code,
         count(x.referral_id) AS rereferrals,
         count(*) AS referrals
  FROM scs_referrals r
  LEFT JOIN rereferrals x ON x.referral_id = r.referral_id
  GROUP BY 1, 2
)
SELECT m.month,
       r.district_code,
       sum(r.rereferrals) AS numerator,
       sum(r.referrals) AS denominator
FROM report_months m
JOIN by_month r ON r.referred_month BETWEEN m.window_start AND m.month
GROUP BY m.month, r.district_code;
