-- A counter bumped by every statement that changes what the API serves (results and reference data),
-- so the API can cache computed scorecards and know, with one tiny read, when they are out of date.
CREATE TABLE results_version (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  version bigint NOT NULL
);
INSERT INTO results_version VALUES (true, 0);

CREATE FUNCTION bump_results_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE results_version SET version = version + 1;
  RETURN NULL;
END $$;

CREATE TRIGGER indicator_results_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON indicator_results
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER report_months_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON report_months
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER districts_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON districts
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER targets_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON targets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER comparators_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON comparators
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER caseload_targets_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON caseload_targets
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
