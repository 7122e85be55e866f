-- Readers never wait (docs/indicator-sql.md): the refresh rewrites the results with DELETE and INSERT, so
-- a vacuum later finds empty pages at the end of these tables and would cut them off, which takes a lock
-- that requests queue behind (briefly, but at any time). The space is reused by the next refresh anyway.
ALTER TABLE indicator_results SET (vacuum_truncate = false);
ALTER TABLE report_months SET (vacuum_truncate = false);
