-- Rules that relate datasets are judged by the state a whole import batch leaves (datasets.md, "batch"):
-- a full extract may remove codes that stored rows still refer to, when the same batch replaces those rows
-- too (a new monthly extract whose identifiers all changed). The import defers the references that point at
-- a table while it removes that table's absent rows, checks what is left dangling once every file of the
-- batch is in (set-based, api/src/import/references.ts), and then makes them immediate again before it
-- commits. Every other write still checks each reference at once (INITIALLY IMMEDIATE).

ALTER TABLE lsoas ALTER CONSTRAINT lsoas_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE lsoa_populations ALTER CONSTRAINT lsoa_populations_lsoa_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE childrens_centres ALTER CONSTRAINT childrens_centres_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE targets ALTER CONSTRAINT targets_indicator_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE caseload_targets ALTER CONSTRAINT caseload_targets_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE comparators ALTER CONSTRAINT comparators_indicator_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE early_help_cases ALTER CONSTRAINT early_help_cases_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE scs_referrals ALTER CONSTRAINT scs_referrals_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE scs_cases ALTER CONSTRAINT scs_cases_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE cc_registrations ALTER CONSTRAINT cc_registrations_lsoa_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE cc_registrations ALTER CONSTRAINT cc_registrations_centre_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE cc_attendances ALTER CONSTRAINT cc_attendances_child_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE cc_attendances ALTER CONSTRAINT cc_attendances_centre_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE cc_inspections ALTER CONSTRAINT cc_inspections_centre_id_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE ff2_places ALTER CONSTRAINT ff2_places_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE yj_outcomes ALTER CONSTRAINT yj_outcomes_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE yj_closures ALTER CONSTRAINT yj_closures_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE neet_activity ALTER CONSTRAINT neet_activity_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE tf_claims ALTER CONSTRAINT tf_claims_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE pupil_absence ALTER CONSTRAINT pupil_absence_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;
ALTER TABLE exclusions ALTER CONSTRAINT exclusions_district_code_fkey DEFERRABLE INITIALLY IMMEDIATE;

-- The check that a target's area or district still exists when districts change (migration 0005) fires even
-- while the import skips the per-row reference triggers (session_replication_role = replica) to remove a
-- full extract's absent districts: it is one scan of the few targets per changed district, at the commit.
ALTER TABLE districts ENABLE ALWAYS TRIGGER districts_targets_geography;
