-- Children's Centre attendances (activity count): attendances with attended_on in month M, counted in the
-- district of the centre attended. Grouped by centre before the join, so the join sees centres × months.
CREATE OR REPLACE VIEW act_cc_attendances AS
SELECT m.month, c.district_code, sum(a.attendances) AS numerator, NULL::bigint AS denominator
FROM report_months m
JOIN (SELECT month_of(attended_on) AS attended_month, centre_id, count(*) AS attendances
      FROM cc_attendances GROUP BY 1, 2) a ON a.attended_month = m.month
JOIN childrens_centres c ON c.centre_id = a.centre_id
GROUP BY m.month, c.district_code;
