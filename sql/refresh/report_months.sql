-- The months the data covers: from the month of the earliest record date to the month of the latest,
-- each with its end date and the first day of its twelve-month rolling window.
TRUNCATE report_months;
INSERT INTO report_months (month, month_end, window_start)
SELECT m::date, (m + interval '1 month' - interval '1 day')::date, (m - interval '11 months')::date
FROM (
  SELECT min(d) AS first_day, max(d) AS last_day FROM (
    SELECT min(notified_on) AS d FROM early_help_cases UNION ALL SELECT max(notified_on) FROM early_help_cases
    UNION ALL SELECT min(referred_on) FROM scs_referrals UNION ALL SELECT max(referred_on) FROM scs_referrals
    UNION ALL SELECT min(opened_on) FROM scs_cases UNION ALL SELECT max(opened_on) FROM scs_cases
    UNION ALL SELECT min(registered_on) FROM cc_registrations UNION ALL SELECT max(registered_on) FROM cc_registrations
    UNION ALL SELECT min(attended_on) FROM cc_attendances UNION ALL SELECT max(attended_on) FROM cc_attendances
    UNION ALL SELECT min(snapshot_month) FROM ff2_places UNION ALL SELECT max(snapshot_month) FROM ff2_places
    UNION ALL SELECT min(contacted_on) FROM youth_contacts UNION ALL SELECT max(contacted_on) FROM youth_contacts
    UNION ALL SELECT min(outcome_on) FROM yj_outcomes UNION ALL SELECT max(outcome_on) FROM yj_outcomes
    UNION ALL SELECT min(closed_on) FROM yj_closures UNION ALL SELECT max(closed_on) FROM yj_closures
    UNION ALL SELECT min(month) FROM neet_activity UNION ALL SELECT max(month) FROM neet_activity
    UNION ALL SELECT min(claimed_on) FROM tf_claims UNION ALL SELECT max(claimed_on) FROM tf_claims
    UNION ALL SELECT min(start_on) FROM exclusions UNION ALL SELECT max(start_on) FROM exclusions
  ) bounds
) range,
LATERAL generate_series(date_trunc('month', range.first_day), date_trunc('month', range.last_day), interval '1 month') AS m
WHERE range.first_day IS NOT NULL;
