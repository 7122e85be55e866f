-- Reference data, record-level datasets and the precomputed results.
-- Every rule of the dataset contract (../shared/spec/datasets.md) that a database can hold is expressed
-- here too, so no path can store what the import would reject.

-- Opaque pseudonymised identifiers: 1-64 characters.
CREATE DOMAIN ident AS text CHECK (char_length(VALUE) BETWEEN 1 AND 64);

-- The indicator catalogue's codes, kept in step with api/src/indicators/catalog.ts at start-up,
-- so that targets and comparators can reference them.
CREATE TABLE indicator_codes (
  code text PRIMARY KEY
);

-- Reference data -----------------------------------------------------------------------------------

CREATE TABLE districts (
  district_code text PRIMARY KEY CHECK (district_code ~ '^[A-Z][A-Z0-9_]*$' AND district_code <> 'KENT'),
  district_name text NOT NULL CHECK (district_name <> ''),
  area_code text NOT NULL CHECK (area_code ~ '^[A-Z][A-Z0-9_]*$' AND area_code <> 'KENT'),
  area_name text NOT NULL CHECK (area_name <> '')
);

CREATE TABLE lsoas (
  lsoa_code text PRIMARY KEY CHECK (lsoa_code <> ''),
  district_code text NOT NULL REFERENCES districts,
  imd_decile smallint NOT NULL CHECK (imd_decile BETWEEN 1 AND 10)
);

CREATE TABLE lsoa_populations (
  lsoa_code text NOT NULL REFERENCES lsoas,
  mid_year integer NOT NULL,
  under_5 integer NOT NULL CHECK (under_5 >= 0),
  PRIMARY KEY (lsoa_code, mid_year)
);

CREATE TABLE childrens_centres (
  centre_id ident PRIMARY KEY,
  centre_name text NOT NULL CHECK (centre_name <> ''),
  district_code text NOT NULL REFERENCES districts
);

CREATE TABLE targets (
  indicator_code text NOT NULL REFERENCES indicator_codes,
  year integer NOT NULL,
  geography_code text NOT NULL,
  target double precision NOT NULL,
  floor double precision,
  floor_assumed boolean NOT NULL,
  PRIMARY KEY (indicator_code, year, geography_code)
);

CREATE TABLE caseload_targets (
  district_code text NOT NULL REFERENCES districts,
  effective_from date NOT NULL CHECK (extract(day FROM effective_from) = 1),
  baseline integer NOT NULL CHECK (baseline >= 0),
  target integer NOT NULL CHECK (target >= 0),
  PRIMARY KEY (district_code, effective_from)
);

CREATE TABLE comparators (
  indicator_code text NOT NULL REFERENCES indicator_codes,
  period date NOT NULL CHECK (extract(day FROM period) = 1),
  comparator text NOT NULL CHECK (comparator <> ''),
  value double precision NOT NULL,
  note text,
  PRIMARY KEY (indicator_code, period, comparator)
);

-- A target's geography is the county, an area or a district.
CREATE FUNCTION check_geography_code() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.geography_code <> 'KENT' AND NOT EXISTS (
    SELECT 1 FROM districts WHERE district_code = NEW.geography_code OR area_code = NEW.geography_code
  ) THEN
    RAISE EXCEPTION 'geography_code % is not KENT, an area or a district', NEW.geography_code
      USING ERRCODE = 'foreign_key_violation';
  END IF;
  RETURN NEW;
END $$;

CREATE TRIGGER targets_geography BEFORE INSERT OR UPDATE ON targets
  FOR EACH ROW EXECUTE FUNCTION check_geography_code();

-- Records ------------------------------------------------------------------------------------------

CREATE TABLE early_help_cases (
  case_id ident PRIMARY KEY,
  child_id ident NOT NULL,
  district_code text NOT NULL REFERENCES districts,
  notified_on date NOT NULL,
  assessed_on date,
  plan_on date,
  closed_on date,
  closure_reason text CHECK (closure_reason IN
    ('outcomes_achieved', 'stepped_up_to_scs', 'consent_withdrawn', 'moved_away', 'other')),
  CHECK ((closed_on IS NULL) = (closure_reason IS NULL)),
  CHECK (plan_on IS NULL OR assessed_on IS NOT NULL),
  CHECK (assessed_on >= notified_on),
  CHECK (plan_on >= assessed_on),
  CHECK (closed_on >= greatest(notified_on, assessed_on, plan_on))
);

CREATE TABLE scs_referrals (
  referral_id ident PRIMARY KEY,
  child_id ident NOT NULL,
  district_code text NOT NULL REFERENCES districts,
  referred_on date NOT NULL
);

CREATE TABLE scs_cases (
  case_id ident PRIMARY KEY,
  child_id ident NOT NULL,
  child_dob date NOT NULL,
  district_code text NOT NULL REFERENCES districts,
  opened_on date NOT NULL,
  closed_on date,
  stepped_down_to_early_help boolean,
  CHECK (child_dob <= opened_on),
  CHECK (closed_on >= opened_on),
  CHECK ((closed_on IS NULL) = (stepped_down_to_early_help IS NULL))
);

CREATE TABLE cc_registrations (
  child_id ident PRIMARY KEY,
  child_dob date NOT NULL,
  lsoa_code text NOT NULL REFERENCES lsoas,
  centre_id ident NOT NULL REFERENCES childrens_centres,
  registered_on date NOT NULL,
  CHECK (child_dob <= registered_on)
);

CREATE TABLE cc_attendances (
  attendance_id ident PRIMARY KEY,
  child_id ident NOT NULL REFERENCES cc_registrations,
  centre_id ident NOT NULL REFERENCES childrens_centres,
  attended_on date NOT NULL
);

CREATE TABLE cc_inspections (
  centre_id ident NOT NULL REFERENCES childrens_centres,
  inspected_on date NOT NULL,
  judgement text NOT NULL CHECK (judgement IN ('outstanding', 'good', 'requires_improvement', 'inadequate')),
  PRIMARY KEY (centre_id, inspected_on)
);

CREATE TABLE ff2_places (
  child_id ident NOT NULL,
  snapshot_month date NOT NULL CHECK (extract(day FROM snapshot_month) = 1),
  district_code text NOT NULL REFERENCES districts,
  taking_up boolean NOT NULL,
  PRIMARY KEY (child_id, snapshot_month)
);

CREATE TABLE youth_contacts (
  contact_id ident PRIMARY KEY,
  young_person_id ident NOT NULL,
  contacted_on date NOT NULL
);

CREATE TABLE yj_outcomes (
  outcome_id ident PRIMARY KEY,
  young_person_id ident NOT NULL,
  young_person_dob date NOT NULL,
  district_code text NOT NULL REFERENCES districts,
  outcome_on date NOT NULL,
  outcome_type text NOT NULL CHECK (outcome_type IN
    ('community_resolution', 'youth_caution', 'youth_conditional_caution', 'conviction')),
  CHECK (young_person_dob < outcome_on)
);

CREATE TABLE yj_closures (
  closure_id ident PRIMARY KEY,
  young_person_id ident NOT NULL,
  district_code text NOT NULL REFERENCES districts,
  closed_on date NOT NULL,
  statutory_school_age boolean NOT NULL,
  ete_hours numeric NOT NULL CHECK (ete_hours BETWEEN 0 AND 60)
);

CREATE TABLE neet_activity (
  young_person_id ident NOT NULL,
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  district_code text NOT NULL REFERENCES districts,
  academic_age smallint NOT NULL CHECK (academic_age IN (16, 17, 18)),
  activity text NOT NULL CHECK (activity IN ('eet', 'neet', 'unknown')),
  PRIMARY KEY (young_person_id, month)
);

CREATE TABLE tf_claims (
  family_id ident NOT NULL,
  phase smallint NOT NULL CHECK (phase IN (1, 2)),
  district_code text NOT NULL REFERENCES districts,
  claimed_on date NOT NULL,
  PRIMARY KEY (family_id, phase)
);

CREATE TABLE pupil_absence (
  pupil_id ident NOT NULL,
  district_code text NOT NULL REFERENCES districts,
  phase text NOT NULL CHECK (phase IN ('primary', 'secondary')),
  academic_year integer NOT NULL,
  term text NOT NULL CHECK (term IN ('autumn', 'spring', 'summer')),
  possible_sessions integer NOT NULL CHECK (possible_sessions >= 0),
  absent_sessions integer NOT NULL CHECK (absent_sessions BETWEEN 0 AND possible_sessions),
  PRIMARY KEY (pupil_id, district_code, phase, academic_year, term)
);

CREATE TABLE exclusions (
  exclusion_id ident PRIMARY KEY,
  pupil_id ident NOT NULL,
  district_code text NOT NULL REFERENCES districts,
  phase text NOT NULL CHECK (phase IN ('primary', 'secondary')),
  type text NOT NULL CHECK (type IN ('fixed', 'permanent')),
  start_on date NOT NULL
);

-- Lookups the indicator SQL makes by person and date.
CREATE INDEX early_help_cases_child ON early_help_cases (child_id, notified_on);
CREATE INDEX scs_referrals_child ON scs_referrals (child_id, referred_on);
CREATE INDEX cc_attendances_child ON cc_attendances (child_id, attended_on);
CREATE INDEX youth_contacts_person ON youth_contacts (young_person_id, contacted_on);
CREATE INDEX yj_outcomes_person ON yj_outcomes (young_person_id, outcome_on);

-- Imports and results ------------------------------------------------------------------------------

-- One row per successful import of a file: when each dataset was last loaded (shown in exports).
CREATE TABLE import_log (
  id bigserial PRIMARY KEY,
  dataset text NOT NULL,
  file_name text NOT NULL,
  rows_in_file integer NOT NULL,
  replaced boolean NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now()
);

-- The months the data covers, rebuilt by the refresh: each month's end and rolling-window start.
CREATE TABLE report_months (
  month date PRIMARY KEY,
  month_end date NOT NULL,
  window_start date NOT NULL
);

-- Precomputed numerators and denominators per measure, month and district, rebuilt from the views in
-- sql/views by the refresh. Requests read only this table (and the reference data).
CREATE TABLE indicator_results (
  indicator_code text NOT NULL,
  month date NOT NULL,
  district_code text NOT NULL,
  numerator double precision NOT NULL,
  denominator double precision,
  PRIMARY KEY (indicator_code, month, district_code)
);
