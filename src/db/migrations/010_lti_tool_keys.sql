-- The tool's own RSA signing keys (LTI Security Framework 1.0 §6). The private key is stored encrypted
-- (AES-256-GCM, key derived from SECRET_KEY); the public key is published at GET /lti/jwks.
CREATE TABLE lti_tool_keys (
  kid text PRIMARY KEY,
  public_jwk jsonb NOT NULL,
  private_key_enc text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- Set when a newer key takes over: the key still verifies (is published) until then, but never signs.
  retire_at timestamptz
);
