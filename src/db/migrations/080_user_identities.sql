-- Staff direct sign-in with the university's identity provider (OIDC). Identity there = (issuer, sub);
-- one person may have several (an LMS account in users.platform_id/sub, and one or more IdP accounts).
CREATE TABLE user_identities (
  issuer text NOT NULL,
  sub text NOT NULL,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (issuer, sub)
);
CREATE INDEX user_identities_user ON user_identities (user_id);

-- A staff member who never came through an LMS has no platform. Their users.sub holds the IdP's subject
-- for reference; (platform_id, sub) stays unique for LMS users (NULLs never collide).
ALTER TABLE users ALTER COLUMN platform_id DROP NOT NULL;
