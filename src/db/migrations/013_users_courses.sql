-- Identity = (platform, sub). Course = (platform, deployment, context id). Membership holds the app role.
CREATE TABLE users (
  id bigserial PRIMARY KEY,
  platform_id bigint NOT NULL REFERENCES lti_platforms(id),
  sub text NOT NULL,
  name text NOT NULL DEFAULT '',
  email text,
  locale text,
  site_role text NOT NULL DEFAULT 'user' CHECK (site_role IN ('user', 'admin')),
  created_at timestamptz NOT NULL DEFAULT now(),
  last_login_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, sub)
);

CREATE TABLE courses (
  id bigserial PRIMARY KEY,
  platform_id bigint NOT NULL REFERENCES lti_platforms(id),
  deployment_id text NOT NULL,
  context_id text NOT NULL,
  title text NOT NULL DEFAULT '',
  label text NOT NULL DEFAULT '',
  -- The course's video library is provisioned on the first launch (set once).
  library_provisioned_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, deployment_id, context_id)
);

CREATE TABLE memberships (
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  course_id bigint NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  role text NOT NULL CHECK (role IN ('viewer', 'creator', 'manager')),
  lti_roles jsonb NOT NULL DEFAULT '[]'::jsonb,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (user_id, course_id)
);
CREATE INDEX memberships_course ON memberships (course_id);
