-- Acceptable-use reports and moderation (issue 7). Anyone who may view a video can report it; a site
-- admin hides it (takedown), dismisses the reports, or restores it. Every decision carries a reason and
-- is written to the audit log (060); the rows here hold the current state.
CREATE TABLE video_reports (
  id bigserial PRIMARY KEY,
  video_id uuid NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  -- null once the reporter's account is erased (the report itself stays for the moderation record).
  reporter_id bigint REFERENCES users(id) ON DELETE SET NULL,
  category text NOT NULL CHECK (category IN ('copyright', 'privacy', 'harassment', 'illegal', 'spam', 'other')),
  details text NOT NULL CHECK (length(details) BETWEEN 1 AND 4000),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'actioned', 'dismissed')),
  created_at timestamptz NOT NULL DEFAULT now(),
  resolved_at timestamptz,
  resolved_by bigint REFERENCES users(id) ON DELETE SET NULL,
  resolution_reason text
);
CREATE INDEX video_reports_open ON video_reports (video_id, created_at) WHERE status = 'open';
-- The rate limit counts a reporter's reports of the last hour; export and erasure find them by person.
CREATE INDEX video_reports_reporter ON video_reports (reporter_id, created_at DESC);

-- A video hidden by a moderator: unplayable everywhere until restored. Restoring deletes the row (the
-- audit log keeps the history). Web processes keep the ids in memory (src/governance/moderation-takedowns.ts).
CREATE TABLE video_takedowns (
  video_id uuid PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  taken_down_by bigint REFERENCES users(id) ON DELETE SET NULL,
  taken_down_at timestamptz NOT NULL DEFAULT now()
);
