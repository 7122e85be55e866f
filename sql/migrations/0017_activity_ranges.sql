-- Fixed expected ranges for activity indicators (datasets.md, `activity_ranges`; indicators.md, "Activity
-- indicators"): for a financial year and a geography, an analyst's lower and upper bound replace the XmR
-- process limits. That the code is an activity indicator is checked by the import (the catalogue's list);
-- here it must at least be one of the catalogue's codes.
CREATE TABLE activity_ranges (
  indicator_code text NOT NULL REFERENCES indicator_codes DEFERRABLE INITIALLY IMMEDIATE,
  -- The financial year, labelled by the year it ends in (2016 = April 2015 to March 2016).
  year integer NOT NULL,
  geography_code text NOT NULL,
  lower double precision NOT NULL CONSTRAINT activity_ranges_lower_finite CHECK (lower > '-Infinity' AND lower < 'Infinity'),
  upper double precision NOT NULL CONSTRAINT activity_ranges_upper_finite CHECK (upper > '-Infinity' AND upper < 'Infinity'),
  PRIMARY KEY (indicator_code, year, geography_code),
  CONSTRAINT activity_ranges_lower_at_most_upper CHECK (lower <= upper)
);

-- The geography is KENT, an area or a district (the same check as targets').
CREATE TRIGGER activity_ranges_geography BEFORE INSERT OR UPDATE ON activity_ranges
  FOR EACH ROW EXECUTE FUNCTION check_geography_code();

-- Districts removed (a complete extract) must not leave ranges behind for an area or district that is gone.
CREATE FUNCTION check_activity_ranges_geography() RETURNS trigger LANGUAGE plpgsql
SET search_path FROM CURRENT AS $$
DECLARE
  orphan text;
BEGIN
  SELECT r.geography_code INTO orphan FROM activity_ranges r
  WHERE r.geography_code <> 'KENT' AND NOT EXISTS (
    SELECT 1 FROM districts d WHERE d.district_code = r.geography_code OR d.area_code = r.geography_code)
  LIMIT 1;
  IF FOUND THEN
    RAISE EXCEPTION 'activity_ranges for geography_code % would be left without that area or district', orphan
      USING ERRCODE = 'foreign_key_violation',
            DETAIL = format('Key (geography_code)=(%s) is still referenced from table "activity_ranges".', orphan);
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER districts_activity_ranges_geography AFTER UPDATE OR DELETE ON districts
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION check_activity_ranges_geography();
ALTER TABLE districts ENABLE ALWAYS TRIGGER districts_activity_ranges_geography;
CREATE TRIGGER districts_truncate_activity_ranges_geography AFTER TRUNCATE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION check_activity_ranges_geography();

-- The API caches answers per data version: a change of ranges changes the activity signals.
CREATE TRIGGER activity_ranges_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON activity_ranges
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();

-- As the other reference tables (0011): the vacuum after an import never cuts it short under readers.
ALTER TABLE activity_ranges SET (vacuum_truncate = false);
