-- Children's Centre registrations (activity count): children with registered_on in month M, counted in the
-- district of the child's LSOA (where the child lives), not the centre's.
CREATE OR REPLACE VIEW act_cc_registrations AS
SELECT m.month, l.district_code, sum(r.registrations) AS numerator, NULL::bigint AS denominator
FROM report_months m
JOIN (SELECT month_of(registered_on) AS registered_month, lsoa_code, count(*) AS registrations
      FROM cc_registrations GROUP BY 1, 2) r ON r.registered_month = m.month
JOIN lsoas l ON l.lsoa_code = r.lsoa_code
GROUP BY m.month, l.district_code;
