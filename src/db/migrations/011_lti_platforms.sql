-- LMS platforms that may launch Luento, and their deployments (LTI Core 1.3 §3.1.3: several per platform).
CREATE TABLE lti_platforms (
  id bigserial PRIMARY KEY,
  issuer text NOT NULL,
  client_id text NOT NULL,
  name text NOT NULL DEFAULT '',
  auth_url text NOT NULL,
  token_url text NOT NULL,
  jwks_url text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending', 'disabled')),
  -- How this platform registered: 'admin' (page or CLI), 'dynamic' (LTI Dynamic Registration), 'demo'.
  source text NOT NULL DEFAULT 'admin' CHECK (source IN ('admin', 'dynamic', 'demo')),
  -- {"<role URI>": "viewer" | "creator" | "manager" | "admin" | "none"}, applied before the standard table.
  role_mappings jsonb NOT NULL DEFAULT '{}'::jsonb,
  -- The LMS origin, for CSP frame-ancestors and form-action.
  origin text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (issuer, client_id)
);

CREATE TABLE lti_deployments (
  id bigserial PRIMARY KEY,
  platform_id bigint NOT NULL REFERENCES lti_platforms(id) ON DELETE CASCADE,
  deployment_id text NOT NULL,
  status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'disabled')),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (platform_id, deployment_id)
);
