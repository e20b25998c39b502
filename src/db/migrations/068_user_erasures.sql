-- GDPR erasure (issue 7): the users row stays (other rows point to it) but is blanked; this marks it
-- erased, so the admin pages say so and an erasure is not run twice. Nothing here identifies the person.
CREATE TABLE user_erasures (
  user_id bigint PRIMARY KEY REFERENCES users(id),
  erased_at timestamptz NOT NULL DEFAULT now(),
  erased_by bigint REFERENCES users(id) ON DELETE SET NULL
);
