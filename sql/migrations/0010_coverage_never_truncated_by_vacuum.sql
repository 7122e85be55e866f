-- As 0009 for the coverage tables the API reads: the refresh rewrites dataset_months and measure_coverage with
-- DELETE and INSERT (and updates dataset_coverage row by row), so a vacuum must not cut them short under a lock
-- that requests would queue behind.
ALTER TABLE dataset_months SET (vacuum_truncate = false);
ALTER TABLE measure_coverage SET (vacuum_truncate = false);
ALTER TABLE dataset_coverage SET (vacuum_truncate = false);
