-- Secondary pupils persistently absent (at least 15% of possible sessions missed) in the terms the
-- month reports / secondary pupils with possible sessions in those terms. See _pa_term_sets.sql.
CREATE OR REPLACE VIEW pa_secondary_15pct AS
SELECT t.month,
       p.district_code,
       p.absent_15pct AS numerator,
       p.pupils AS denominator
FROM _pa_month_terms t
JOIN _pa_term_sets p ON p.academic_year = t.academic_year AND p.terms_complete = t.terms_complete
WHERE p.phase = 'secondary';
