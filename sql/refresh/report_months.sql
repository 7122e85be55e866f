-- The months the data covers: from the month of the earliest record date to the month of the latest,
-- each with its end date and the first day of its twelve-month rolling window.
-- Each record table is read once for both bounds (min and max in one pass); neet_activity, the largest
-- of them, through _neet_by_month, which refreshResults refreshes before this file (its months are
-- exactly the table's months).
-- DELETE, not TRUNCATE: readers keep reading the previous months until the refresh commits.
DELETE FROM report_months;
INSERT INTO report_months (month, month_end, window_start)
SELECT m::date, (m + interval '1 month' - interval '1 day')::date, (m - interval '11 months')::date
FROM (
  SELECT min(first_day) AS first_day, max(last_day) AS last_day FROM (
    SELECT min(notified_on) AS first_day, max(notified_on) AS last_day FROM early_help_cases
    UNION ALL SELECT min(referred_on), max(referred_on) FROM scs_referrals
    UNION ALL SELECT min(opened_on), max(opened_on) FROM scs_cases
    UNION ALL SELECT min(registered_on), max(registered_on) FROM cc_registrations
    UNION ALL SELECT min(attended_on), max(attended_on) FROM cc_attendances
    UNION ALL SELECT min(snapshot_month), max(snapshot_month) FROM ff2_places
    UNION ALL SELECT min(contacted_on), max(contacted_on) FROM youth_contacts
    UNION ALL SELECT min(outcome_on), max(outcome_on) FROM yj_outcomes
    UNION ALL SELECT min(closed_on), max(closed_on) FROM yj_closures
    UNION ALL SELECT min(month), max(month) FROM _neet_by_month
    UNION ALL SELECT min(claimed_on), max(claimed_on) FROM tf_claims
    UNION ALL SELECT min(start_on), max(start_on) FROM exclusions
  ) bounds
) range,
LATERAL generate_series(date_trunc('month', range.first_day), date_trunc('month', range.last_day), interval '1 month') AS m
WHERE range.first_day IS NOT NULL;
