-- The audit log's prune may remove only entries at least a year old (AUDIT_RETENTION_YEARS is a whole number of
-- years, at least 1): a session setting ehps.audit_prune_before to a later date (or the future) removes nothing,
-- so no setting can empty the log.
CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prune_before timestamptz := nullif(current_setting('ehps.audit_prune_before', true), '')::timestamptz;
BEGIN
  IF TG_OP = 'DELETE' AND prune_before IS NOT NULL AND prune_before <= now() - interval '1 year'
     AND OLD.at < prune_before THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
