-- Disabled users (issue 7): a site admin disables an account; its launches are refused and its
-- sessions end. Nothing is deleted, and re-enabling restores everything.
ALTER TABLE users
  ADD COLUMN disabled_at timestamptz,
  ADD COLUMN disabled_reason text NOT NULL DEFAULT '',
  ADD COLUMN disabled_by bigint REFERENCES users(id) ON DELETE SET NULL;
-- The admin users page searches by name and e-mail.
CREATE INDEX users_name_lower ON users (lower(name));
CREATE INDEX users_email_lower ON users (lower(email));
