-- What PostgreSQL's types take but no extract can carry, and the import refuses: dates outside the years
-- 0001 to 9999 ('infinity', dates before Christ, year 10000 and later) and the floating-point values NaN and
-- ±Infinity. A row written by any other path now keeps the same rules as an imported one (an infinite date
-- would, for one, make the months reported endless). Each table is read once to check its rows.

ALTER TABLE caseload_targets
  ADD CONSTRAINT caseload_targets_effective_from_range CHECK (effective_from BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE cc_attendances
  ADD CONSTRAINT cc_attendances_attended_on_range CHECK (attended_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE cc_inspections
  ADD CONSTRAINT cc_inspections_inspected_on_range CHECK (inspected_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE cc_registrations
  ADD CONSTRAINT cc_registrations_child_dob_range CHECK (child_dob BETWEEN '0001-01-01' AND '9999-12-31'),
  ADD CONSTRAINT cc_registrations_registered_on_range CHECK (registered_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE comparators
  ADD CONSTRAINT comparators_period_range CHECK (period BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE early_help_cases
  ADD CONSTRAINT early_help_cases_notified_on_range CHECK (notified_on BETWEEN '0001-01-01' AND '9999-12-31'),
  ADD CONSTRAINT early_help_cases_assessed_on_range CHECK (assessed_on BETWEEN '0001-01-01' AND '9999-12-31'),
  ADD CONSTRAINT early_help_cases_plan_on_range CHECK (plan_on BETWEEN '0001-01-01' AND '9999-12-31'),
  ADD CONSTRAINT early_help_cases_closed_on_range CHECK (closed_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE exclusions
  ADD CONSTRAINT exclusions_start_on_range CHECK (start_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE ff2_places
  ADD CONSTRAINT ff2_places_snapshot_month_range CHECK (snapshot_month BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE neet_activity
  ADD CONSTRAINT neet_activity_month_range CHECK (month BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE scs_cases
  ADD CONSTRAINT scs_cases_child_dob_range CHECK (child_dob BETWEEN '0001-01-01' AND '9999-12-31'),
  ADD CONSTRAINT scs_cases_opened_on_range CHECK (opened_on BETWEEN '0001-01-01' AND '9999-12-31'),
  ADD CONSTRAINT scs_cases_closed_on_range CHECK (closed_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE scs_referrals
  ADD CONSTRAINT scs_referrals_referred_on_range CHECK (referred_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE tf_claims
  ADD CONSTRAINT tf_claims_claimed_on_range CHECK (claimed_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE yj_closures
  ADD CONSTRAINT yj_closures_closed_on_range CHECK (closed_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE yj_outcomes
  ADD CONSTRAINT yj_outcomes_young_person_dob_range CHECK (young_person_dob BETWEEN '0001-01-01' AND '9999-12-31'),
  ADD CONSTRAINT yj_outcomes_outcome_on_range CHECK (outcome_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE youth_contacts
  ADD CONSTRAINT youth_contacts_contacted_on_range CHECK (contacted_on BETWEEN '0001-01-01' AND '9999-12-31');

ALTER TABLE targets
  ADD CONSTRAINT targets_target_finite CHECK (target > '-Infinity' AND target < 'Infinity'),  -- NaN sorts above Infinity
  ADD CONSTRAINT targets_floor_finite CHECK (floor > '-Infinity' AND floor < 'Infinity');
ALTER TABLE comparators
  ADD CONSTRAINT comparators_value_finite CHECK (value > '-Infinity' AND value < 'Infinity');

-- A target's geography is KENT, an area or a district: checked when a target is written (migration 0001),
-- and now also when districts change, so that moving or removing districts cannot leave a target whose
-- area or district no longer exists. Deferred to the commit: a batch may move a district to a new area and
-- bring the targets of that area in the same transaction (the import runs these checks before it commits,
-- to report them as problems). A TRUNCATE of districts is checked at once.
CREATE FUNCTION check_targets_geography() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  orphan text;
BEGIN
  SELECT t.geography_code INTO orphan FROM targets t
  WHERE t.geography_code <> 'KENT' AND NOT EXISTS (
    SELECT 1 FROM districts d WHERE d.district_code = t.geography_code OR d.area_code = t.geography_code)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'targets for geography_code % would be left without that area or district', orphan
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Key (geography_code)=(%s) is still referenced from table "targets".', orphan);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER districts_targets_geography AFTER UPDATE OR DELETE ON districts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_targets_geography();
CREATE TRIGGER districts_truncate_targets_geography AFTER TRUNCATE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION check_targets_geography();
