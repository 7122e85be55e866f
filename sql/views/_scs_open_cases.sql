-- SCS cases open at the end of each month (opened_on <= E, closed_on empty or > E), with the child's
-- age at E. A case is open at the end of every month from the month it opened up to the month before
-- the month it closed.
CREATE OR REPLACE VIEW _scs_open_cases AS
SELECT m.month,
       m.month_end,
       m.window_start,
       s.district_code,
       s.child_id,
       age_in_years(s.child_dob, m.month_end) AS age
FROM scs_cases s
JOIN report_months m
  ON m.month >= month_of(s.opened_on)
 AND m.month < coalesce(month_of(s.closed_on), 'infinity'::date);
