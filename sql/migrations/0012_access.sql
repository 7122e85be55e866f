-- People and access (../shared/spec/access.md): users and their roles, sessions, API tokens, one-time
-- sign-in links, sign-in failures (for slow-down and lockout) and the append-only audit log.

CREATE TABLE users (
  id bigserial PRIMARY KEY,
  -- Kept lower case: e-mail addresses are compared without regard to case.
  email text NOT NULL UNIQUE CHECK (email = lower(email) AND email <> ''),
  name text,
  -- The role granted in the product (null: none granted). A role found in the identity provider's token at
  -- the latest sign-in is kept apart, in provider_role, and wins while the user signs in that way.
  role text CHECK (role IN ('viewer', 'contributor', 'analyst', 'approver', 'admin', 'partner')),
  provider_role text CHECK (provider_role IN ('viewer', 'contributor', 'analyst', 'approver', 'admin', 'partner')),
  -- A contributor's geographies (KENT, area or district codes); null for every other role.
  scope text[],
  -- Local accounts only: the memory-hard hash (scrypt), in a self-describing text form.
  password_hash text,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_sign_in_at timestamptz,
  -- Removing a user keeps the row (their name stays on what they wrote); it ends their sessions and tokens.
  removed_at timestamptz
);

CREATE TABLE sessions (
  -- SHA-256 of the cookie's secret: the secret itself is never stored.
  id_hash bytea PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  address text,
  user_agent text,
  -- How the session was opened: 'password', 'first_run', 'one_time_link' or 'oidc'.
  method text NOT NULL,
  ended_at timestamptz,
  ended_reason text
);
CREATE INDEX sessions_user ON sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE api_tokens (
  id bigserial PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  name text NOT NULL CHECK (name <> ''),
  -- SHA-256 of the token: shown once, never stored.
  token_hash bytea NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

-- First-run and administrator-issued one-time sign-in links (single use, valid 24 hours).
CREATE TABLE one_time_links (
  token_hash bytea PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users (id),
  purpose text NOT NULL CHECK (purpose IN ('first_run', 'sign_in')),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz
);

-- Failed sign-ins, per account (e-mail as typed, lower case) and per address, for slow-down and lockout.
CREATE TABLE sign_in_failures (
  id bigserial PRIMARY KEY,
  email text NOT NULL,
  address text NOT NULL,
  failed_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sign_in_failures_email ON sign_in_failures (email, failed_at);
CREATE INDEX sign_in_failures_address ON sign_in_failures (address, failed_at);

-- The audit log: append-only. Who (user id and the e-mail at the time, kept if the user is removed), when,
-- from which address, what, on which object, with details.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id bigint REFERENCES users (id),
  user_email text,
  address text,
  action text NOT NULL,
  object text,
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at ON audit_log (at);
CREATE INDEX audit_log_action_at ON audit_log (action, at);

-- Only `npm run audit -- prune` may remove entries, and only old ones: it sets ehps.audit_prune_before for
-- its transaction. Any other update or delete is refused. ENABLE ALWAYS: session_replication_role cannot
-- skip the trigger.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  prune_before timestamptz := nullif(current_setting('ehps.audit_prune_before', true), '')::timestamptz;
BEGIN
  IF TG_OP = 'DELETE' AND prune_before IS NOT NULL AND OLD.at < prune_before THEN
    RETURN OLD;
  END IF;
  RAISE EXCEPTION 'the audit log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_append_only;
CREATE FUNCTION audit_log_no_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'the audit log is append-only: TRUNCATE refused' USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_no_truncate();
ALTER TABLE audit_log ENABLE ALWAYS TRIGGER audit_log_no_truncate;
