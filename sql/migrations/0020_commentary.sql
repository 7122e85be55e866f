-- Commentary and sign-off (reporting.md, "Commentary"): the current text of each month × geography ×
-- indicator, every save and change of state in an append-only history, each indicator's owner, and each
-- month's due date. Names and e-mails are copied onto what people wrote, so removing a user keeps them.

CREATE TABLE commentary (
  month date NOT NULL CHECK (extract(day FROM month) = 1),
  geography_code text NOT NULL,
  indicator_code text NOT NULL,
  text text NOT NULL CHECK (char_length(text) BETWEEN 1 AND 4000),
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
  -- A draft holding the previous month's approved text, until a person saves, submits or approves it.
  carried_over boolean NOT NULL DEFAULT false,
  -- Who wrote the latest text (the author of the carried text for a carried-over draft).
  author_id bigint REFERENCES users (id),
  author_email text,
  author_name text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  reviewer_id bigint REFERENCES users (id),
  reviewer_email text,
  reviewer_name text,
  review_note text,
  PRIMARY KEY (month, geography_code, indicator_code)
);
CREATE INDEX commentary_indicator ON commentary (indicator_code, geography_code, month);

-- Every save and change of state, oldest first by id. by_*: null for what the product did itself (carry-over).
CREATE TABLE commentary_history (
  id bigserial PRIMARY KEY,
  month date NOT NULL,
  geography_code text NOT NULL,
  indicator_code text NOT NULL,
  text text NOT NULL,
  state text NOT NULL CHECK (state IN ('draft', 'submitted', 'approved', 'returned')),
  action text NOT NULL CHECK (action IN ('save', 'submit', 'approve', 'return', 'carry_over')),
  by_user_id bigint REFERENCES users (id),
  by_email text,
  by_name text,
  at timestamptz NOT NULL DEFAULT clock_timestamp(),
  note text,
  self_approved boolean NOT NULL DEFAULT false
);
CREATE INDEX commentary_history_item ON commentary_history (month, geography_code, indicator_code, id);

-- Append-only: no update, delete or truncate, whatever the session settings (ENABLE ALWAYS).
CREATE FUNCTION commentary_history_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the commentary history is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER commentary_history_append_only BEFORE UPDATE OR DELETE ON commentary_history
  FOR EACH ROW EXECUTE FUNCTION commentary_history_append_only();
ALTER TABLE commentary_history ENABLE ALWAYS TRIGGER commentary_history_append_only;
CREATE TRIGGER commentary_history_no_truncate BEFORE TRUNCATE ON commentary_history
  FOR EACH STATEMENT EXECUTE FUNCTION commentary_history_append_only();
ALTER TABLE commentary_history ENABLE ALWAYS TRIGGER commentary_history_no_truncate;

-- The user expected to write each indicator's county commentary.
CREATE TABLE indicator_owners (
  indicator_code text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  set_by bigint REFERENCES users (id),
  set_at timestamptz NOT NULL DEFAULT now()
);

-- Per month: the commentary's due date, and when last month's approved texts were carried over (once).
CREATE TABLE commentary_months (
  month date PRIMARY KEY CHECK (extract(day FROM month) = 1),
  due_date date,
  carried_over_at timestamptz
);
