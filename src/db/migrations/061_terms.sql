-- Terms of use (issue 7): versioned texts in fi, sv and en (Markdown), and acceptance per user and
-- version. A version is never edited after publication: a change is a new version. The site's terms
-- policy (which roles must accept, the support contact) lives in app_settings under 'terms.policy'.
CREATE TABLE terms_versions (
  version integer PRIMARY KEY CHECK (version > 0),
  body_fi text NOT NULL CHECK (length(body_fi) BETWEEN 1 AND 100000),
  body_sv text NOT NULL CHECK (length(body_sv) BETWEEN 1 AND 100000),
  body_en text NOT NULL CHECK (length(body_en) BETWEEN 1 AND 100000),
  -- false: a correction that users who accepted an earlier version need not accept again.
  requires_acceptance boolean NOT NULL DEFAULT true,
  published_at timestamptz NOT NULL DEFAULT now(),
  published_by bigint REFERENCES users(id) ON DELETE SET NULL
);

CREATE TABLE terms_acceptances (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  version integer NOT NULL REFERENCES terms_versions(version),
  accepted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, version)
);
-- Acceptance counts per version on the admin page.
CREATE INDEX terms_acceptances_version ON terms_acceptances (version);
