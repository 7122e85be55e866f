-- Substantive youth justice outcomes: cautions, conditional cautions and convictions. A community
-- resolution is not one.
CREATE OR REPLACE VIEW _yj_substantive_outcomes AS
SELECT outcome_id, young_person_id, young_person_dob, district_code, outcome_on, outcome_type
FROM yj_outcomes
WHERE outcome_type IN ('youth_caution', 'youth_conditional_caution', 'conviction');
