-- Youth justice substantive outcomes (activity count): cautions, conditional cautions and convictions with
-- outcome_on in month M (community resolutions are not substantive). District: the outcome's.
CREATE OR REPLACE VIEW act_yj_substantive_outcomes AS
SELECT m.month, o.district_code, o.outcomes AS numerator, NULL::bigint AS denominator
FROM report_months m
JOIN (SELECT month_of(outcome_on) AS outcome_month, district_code, count(*) AS outcomes
      FROM _yj_substantive_outcomes GROUP BY 1, 2) o ON o.outcome_month = m.month;
