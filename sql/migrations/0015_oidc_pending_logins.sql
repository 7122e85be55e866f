-- OpenID Connect sign-ins under way: what the callback must check the provider's answer against (the
-- PKCE verifier, the nonce) and where to go afterwards, found by the state's SHA-256 (the state itself
-- travels only in the browser's cookie and the provider's redirect). A row is deleted as the callback
-- reads it, so each state is used once; rows are valid 10 minutes.
CREATE TABLE oidc_pending_logins (
  state_hash bytea PRIMARY KEY,
  nonce text NOT NULL,
  code_verifier text NOT NULL,
  return_to text NOT NULL CHECK (return_to LIKE '/%'),
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX oidc_pending_logins_expiry ON oidc_pending_logins (expires_at);
