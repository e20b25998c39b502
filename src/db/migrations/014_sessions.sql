-- Server-side sessions. Only the SHA-256 of the token is stored, so a database leak hands out no sessions.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  course_id bigint REFERENCES courses(id) ON DELETE CASCADE,
  -- The launch this session was born from: message type, role, locale, embed, deep-linking settings.
  launch jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_expires ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);
