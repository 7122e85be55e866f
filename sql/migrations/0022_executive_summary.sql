-- The month's executive summary (../shared/spec/reporting.md, "Executive summary"): one per month, for the
-- county, in three plain-text parts, signed off like commentary. executive_summaries holds the current text
-- and state (one row per month, updated in place); executive_summary_history keeps every save and change of
-- state, append-only.

CREATE TABLE executive_summaries (
  month text PRIMARY KEY CHECK (month ~ '^[0-9]{4}-(0[1-9]|1[0-2])$'),
  data_headlines text NOT NULL CHECK (length(data_headlines) <= 4000),
  recent_activity text NOT NULL CHECK (length(recent_activity) <= 4000),
  planned_activity text NOT NULL CHECK (length(planned_activity) <= 4000),
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
  -- Who saved the latest text (an approver may not approve it, except a lone admin).
  author_id bigint NOT NULL REFERENCES users (id),
  updated_at timestamptz NOT NULL,
  -- Who approved or returned it, and the note when returned; cleared by the next save.
  reviewer_id bigint REFERENCES users (id),
  review_note text,
  -- An admin approved their own text because no other approver or admin exists.
  self_approved boolean NOT NULL DEFAULT false
);

CREATE TABLE executive_summary_history (
  id bigserial PRIMARY KEY,
  month text NOT NULL REFERENCES executive_summaries (month),
  data_headlines text NOT NULL,
  recent_activity text NOT NULL,
  planned_activity text NOT NULL,
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
  by_user_id bigint NOT NULL REFERENCES users (id),
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  note text,
  self_approved boolean NOT NULL DEFAULT false
);
CREATE INDEX executive_summary_history_month ON executive_summary_history (month, id);

-- Nothing changes or removes a history entry. ENABLE ALWAYS: session_replication_role cannot skip it.
CREATE FUNCTION executive_summary_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the executive summary history is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER executive_summary_history_append_only BEFORE UPDATE OR DELETE ON executive_summary_history
  FOR EACH ROW EXECUTE FUNCTION executive_summary_history_append_only();
ALTER TABLE executive_summary_history ENABLE ALWAYS TRIGGER executive_summary_history_append_only;
CREATE TRIGGER executive_summary_history_no_truncate BEFORE TRUNCATE ON executive_summary_history
  FOR EACH STATEMENT EXECUTE FUNCTION executive_summary_history_append_only();
ALTER TABLE executive_summary_history ENABLE ALWAYS TRIGGER executive_summary_history_no_truncate;
