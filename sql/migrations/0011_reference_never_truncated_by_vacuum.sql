-- As 0009 for the reference tables and bookkeeping the API reads: the vacuum that follows a merge or a complete
-- extract (--replace) must not cut them short under a lock that requests would queue behind.
ALTER TABLE districts SET (vacuum_truncate = false);
ALTER TABLE targets SET (vacuum_truncate = false);
ALTER TABLE comparators SET (vacuum_truncate = false);
ALTER TABLE caseload_targets SET (vacuum_truncate = false);
ALTER TABLE import_log SET (vacuum_truncate = false);
ALTER TABLE results_version SET (vacuum_truncate = false);
