-- Coverage: the date each record dataset's extract was taken (its as-at date), the span of its events, its
-- rows and its last import, and the months each dataset and each measure speak for (indicators.md,
-- "Coverage"). The importer sets as_at and the last import; the refresh derives everything else.

-- One row per dataset (reference datasets too, for their rows and last import; they have no as-at).
CREATE TABLE dataset_coverage (
  dataset text PRIMARY KEY,
  -- The as-at date given or worked out on import; null when no import has set it (rows written some other
  -- way), in which case the latest event date stands for it.
  as_at date,
  -- The earliest and latest event dates held (dates of birth are not events; a month counts as its first day).
  first_event date,
  last_event date,
  -- The first month covered: the month of the earliest event.
  covered_from date CHECK (extract(day FROM covered_from) = 1),
  -- The last month covered: the last month that ends on or before the as-at date.
  covered_to date CHECK (extract(day FROM covered_to) = 1),
  row_count bigint NOT NULL DEFAULT 0 CHECK (row_count >= 0),
  last_imported_at timestamptz,
  last_imported_by text
);

-- When each dataset was last loaded, from the log kept so far (who loaded it was not recorded).
INSERT INTO dataset_coverage (dataset, last_imported_at)
SELECT dataset, max(imported_at) FROM import_log GROUP BY dataset;

-- The report months each record dataset covers (rebuilt by the refresh).
CREATE TABLE dataset_months (
  dataset text NOT NULL,
  month date NOT NULL,
  PRIMARY KEY (dataset, month)
);

-- Each measure's coverage at each report month (rebuilt by the refresh): none when a dataset it reads does
-- not cover the month, partial when its window starts before a dataset's coverage does, else full.
CREATE TABLE measure_coverage (
  indicator_code text NOT NULL,
  month date NOT NULL,
  coverage text NOT NULL CHECK (coverage IN ('full', 'partial', 'none')),
  PRIMARY KEY (indicator_code, month)
);

CREATE TRIGGER dataset_coverage_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dataset_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER dataset_months_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON dataset_months
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
CREATE TRIGGER measure_coverage_version AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON measure_coverage
  FOR EACH STATEMENT EXECUTE FUNCTION bump_results_version();
