-- The site audit log (issue 7): one append-only table of security-relevant and policy events. Lifecycle
-- steps keep their own detailed table (lifecycle_events, 040); the audit page shows both.
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  -- A dotted name: 'launch.refused', 'terms.accepted', 'role.changed', 'video.uploaded', 'video.published',
  -- 'video.takedown', 'extension.decided', 'user.erased', 'platform.registered', … (src/governance/audit.ts)
  action text NOT NULL CHECK (action ~ '^[a-z][a-z-]*(\.[a-z][a-z-]*)+$'),
  -- null: the system, or an anonymous request (a refused launch).
  actor_id bigint REFERENCES users(id) ON DELETE SET NULL,
  -- What it concerns: a kind ('video', 'user', 'course', 'platform', 'terms', 'report') and its id.
  subject_kind text,
  subject_id text,
  -- Free text a person wrote (a moderation reason), or a reason code.
  reason text NOT NULL DEFAULT '',
  details jsonb NOT NULL DEFAULT '{}'::jsonb,
  ip text
);
CREATE INDEX audit_events_at ON audit_events (at DESC, id DESC);
CREATE INDEX audit_events_action ON audit_events (action, at DESC);
CREATE INDEX audit_events_subject ON audit_events (subject_kind, subject_id, at DESC);
CREATE INDEX audit_events_actor ON audit_events (actor_id, at DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- Erasure (GDPR) may anonymise the actor (ON DELETE SET NULL / an explicit anonymising update of
  -- actor_id, ip and details); nothing else changes and nothing is deleted.
  IF TG_OP = 'UPDATE' AND NEW.id = OLD.id AND NEW.at = OLD.at AND NEW.action = OLD.action
     AND NEW.subject_kind IS NOT DISTINCT FROM OLD.subject_kind AND NEW.subject_id IS NOT DISTINCT FROM OLD.subject_id
     AND NEW.reason = OLD.reason AND NEW.actor_id IS NULL THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'audit_events is append-only';
END $$;
CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
