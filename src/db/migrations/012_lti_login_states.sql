-- OIDC login states (LTI Security Framework 1.0 §5.1.1): state and nonce are bound together on the
-- server and used once. browser_secret proves the launch comes back to the browser that started it
-- when the proof travels through the LTI platform storage (postMessage) instead of a cookie.
CREATE TABLE lti_login_states (
  state_id text PRIMARY KEY,
  nonce text NOT NULL UNIQUE,
  platform_id bigint NOT NULL REFERENCES lti_platforms(id) ON DELETE CASCADE,
  browser_secret text NOT NULL,
  storage_target text,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  -- A launch validated in full that waits for the platform-storage check before it writes anything.
  pending_launch jsonb
);
CREATE INDEX lti_login_states_expires ON lti_login_states (expires_at);

-- Every id_token seen, by issuer and jti (or the nonce when the platform sends no jti), so that a
-- replay is refused even within the token's lifetime and even when it comes from another browser.
CREATE TABLE lti_used_tokens (
  issuer text NOT NULL,
  token_id text NOT NULL,
  expires_at timestamptz NOT NULL,
  PRIMARY KEY (issuer, token_id)
);
CREATE INDEX lti_used_tokens_expires ON lti_used_tokens (expires_at);
