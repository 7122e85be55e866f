-- Referrals to SCS (activity count): referrals with referred_on in month M.
CREATE OR REPLACE VIEW act_scs_referrals AS
SELECT m.month, r.district_code, r.referrals AS numerator, NULL::bigint AS denominator
FROM report_months m
JOIN (SELECT month_of(referred_on) AS referred_month, district_code, count(*) AS referrals
      FROM scs_referrals GROUP BY 1, 2) r ON r.referred_month = m.month;
