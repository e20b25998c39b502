-- Lifecycle (issue 6): audit events, tombstones of purged videos, extension requests, owner-level legal
-- holds, the mail outbox of lifecycle notices, and the indexes the daily sweep's candidate queries use.
-- The site policy (durations, caps) lives in app_settings under 'lifecycle.policy' (validated with zod;
-- a missing row means the defaults 730/180/30/30).

-- Append-only audit of every lifecycle step and decision. No foreign key to videos: the events of a
-- purged video must outlive it. video_id is null for owner-level events (an owner's legal hold).
CREATE TABLE lifecycle_events (
  id bigserial PRIMARY KEY,
  video_id uuid,
  video_title text NOT NULL DEFAULT '',
  owner_id bigint REFERENCES users(id) ON DELETE SET NULL,
  action text NOT NULL CHECK (action IN (
    'warn-trash', 'trash', 'warn-purge', 'purge', 'purge-failed', 'restore',
    'extension-requested', 'extension-approved', 'extension-refused',
    'video-hold-on', 'video-hold-off', 'owner-hold-on', 'owner-hold-off', 'policy-changed')),
  reason text NOT NULL,
  -- null: the system (the sweep).
  actor_id bigint REFERENCES users(id) ON DELETE SET NULL,
  at timestamptz NOT NULL,
  details jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX lifecycle_events_at ON lifecycle_events (at DESC, id DESC);
CREATE INDEX lifecycle_events_video ON lifecycle_events (video_id, at DESC);
CREATE INDEX lifecycle_events_action ON lifecycle_events (action, at DESC);

CREATE FUNCTION lifecycle_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'lifecycle_events is append-only';
END $$;
CREATE TRIGGER lifecycle_events_no_change BEFORE UPDATE OR DELETE ON lifecycle_events
  FOR EACH ROW EXECUTE FUNCTION lifecycle_events_append_only();

-- What remains of a purged video: enough for the audit, no media.
CREATE TABLE video_tombstones (
  video_id uuid PRIMARY KEY,
  title text NOT NULL,
  owner_id bigint REFERENCES users(id) ON DELETE SET NULL,
  home_course_id bigint REFERENCES courses(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL,
  published_at timestamptz,
  last_viewed_at timestamptz,
  trashed_at timestamptz,
  purged_at timestamptz NOT NULL,
  reason text NOT NULL,
  -- null: the system (the sweep); else the admin who chose "purge now".
  purged_by bigint REFERENCES users(id) ON DELETE SET NULL,
  blobs_deleted integer NOT NULL DEFAULT 0
);
CREATE INDEX video_tombstones_purged ON video_tombstones (purged_at DESC);

CREATE TABLE extension_requests (
  id bigserial PRIMARY KEY,
  video_id uuid NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  requester_id bigint NOT NULL REFERENCES users(id),
  justification text NOT NULL CHECK (length(justification) BETWEEN 10 AND 2000),
  requested_until timestamptz NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'refused')),
  approved_until timestamptz,
  decided_by bigint REFERENCES users(id),
  decided_at timestamptz,
  decision_reason text,
  created_at timestamptz NOT NULL,
  CHECK ((status = 'pending') = (decided_at IS NULL)),
  CHECK (status <> 'approved' OR approved_until IS NOT NULL),
  CHECK (status <> 'refused' OR length(coalesce(decision_reason, '')) > 0)
);
-- One open request per video at a time.
CREATE UNIQUE INDEX extension_requests_one_pending ON extension_requests (video_id) WHERE status = 'pending';
CREATE INDEX extension_requests_queue ON extension_requests (status, created_at);

-- A legal hold on everything an owner has (litigation, investigation): nothing of theirs is deleted.
CREATE TABLE owner_legal_holds (
  owner_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  placed_by bigint REFERENCES users(id) ON DELETE SET NULL,
  placed_at timestamptz NOT NULL
);

-- Transactional outbox of lifecycle notices: written in the same transaction as the step it announces,
-- sent after the commit, marked sent after the SMTP server accepted it. At least once: a crash between
-- sending and marking resends with the same Message-ID, which receivers use to drop the duplicate.
CREATE TABLE lifecycle_notices (
  id bigserial PRIMARY KEY,
  message_id text NOT NULL UNIQUE,
  video_id uuid,
  to_user_id bigint REFERENCES users(id) ON DELETE CASCADE,
  to_address text,
  subject text NOT NULL,
  body text NOT NULL,
  created_at timestamptz NOT NULL,
  sent_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX lifecycle_notices_unsent ON lifecycle_notices (id) WHERE sent_at IS NULL;

-- The sweep's candidate queries: live videos by their last activity (publication counts as a view),
-- and trashed videos by their trash date. Videos under a legal hold are never candidates.
CREATE INDEX videos_lifecycle_live ON videos ((greatest(created_at, published_at, last_viewed_at)), id)
  WHERE trashed_at IS NULL AND NOT legal_hold;
CREATE INDEX videos_lifecycle_trashed ON videos (trashed_at, id) WHERE trashed_at IS NOT NULL AND NOT legal_hold;
