-- Captions (issue 5): tracks per video and language with every saved version, the speech-recognition
-- run per video, text alternatives, exemptions, and the reminders already sent. All rows go with their
-- video (ON DELETE CASCADE): a purged video leaves no captions behind.

CREATE TABLE caption_tracks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  video_id uuid NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  -- ISO 639-1 (fi, sv, en, …); 'other' videos can carry any language's track.
  language text NOT NULL CHECK (language ~ '^[a-z]{2,3}$'),
  -- Where the current version came from: speech recognition, an uploaded file, or the editor.
  source text NOT NULL CHECK (source IN ('asr', 'upload', 'edited')),
  current_version integer NOT NULL DEFAULT 1 CHECK (current_version >= 1),
  -- A person checked the current version; cleared when a new ASR draft replaces it.
  reviewed_by bigint REFERENCES users(id) ON DELETE SET NULL,
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (video_id, language)
);

-- Every saved state of a track, as normalised WebVTT. The editor's autosave adds one per save.
CREATE TABLE caption_versions (
  track_id uuid NOT NULL REFERENCES caption_tracks(id) ON DELETE CASCADE,
  version integer NOT NULL CHECK (version >= 1),
  source text NOT NULL CHECK (source IN ('asr', 'upload', 'edited')),
  vtt text NOT NULL,
  cue_count integer NOT NULL DEFAULT 0,
  -- null: the system (speech recognition).
  created_by bigint REFERENCES users(id) ON DELETE SET NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (track_id, version)
);

-- The speech-recognition run of a video (the latest one). status 'unsupported': no engine for the language.
CREATE TABLE caption_asr_runs (
  video_id uuid PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
  language text NOT NULL,
  status text NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'unsupported')),
  percent smallint NOT NULL DEFAULT 0 CHECK (percent BETWEEN 0 AND 100),
  engine text,
  error_code text,
  error_message text,
  requested_by bigint REFERENCES users(id) ON DELETE SET NULL,
  requested_at timestamptz NOT NULL DEFAULT now(),
  started_at timestamptz,
  finished_at timestamptz
);

-- Automatic captions on publish: the site setting lives in app_settings ('captions.policy'); a course can
-- override it (null: follow the site), and a video can opt out.
ALTER TABLE courses ADD COLUMN asr_on_publish boolean;
ALTER TABLE videos ADD COLUMN asr_opt_out boolean NOT NULL DEFAULT false;

-- A separate text alternative (a transcript document shown beside the player) satisfies the rule.
CREATE TABLE caption_text_alternatives (
  video_id uuid PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
  file_name text NOT NULL CHECK (length(file_name) BETWEEN 1 AND 255),
  content_type text NOT NULL,
  blob_key text NOT NULL,
  size_bytes bigint NOT NULL CHECK (size_bytes >= 0),
  uploaded_by bigint REFERENCES users(id) ON DELETE SET NULL,
  uploaded_at timestamptz NOT NULL DEFAULT now()
);

-- An exemption: the video is a media alternative to text already on the page. Granting and revoking are
-- written to the audit log as well.
CREATE TABLE caption_exemptions (
  video_id uuid PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
  reason text NOT NULL CHECK (length(reason) BETWEEN 10 AND 2000),
  granted_by bigint REFERENCES users(id) ON DELETE SET NULL,
  granted_at timestamptz NOT NULL DEFAULT now()
);

-- Reminder mails sent, one row per video, kind and deadline: the unique key makes "exactly once" hold
-- even with two sweeps racing.
CREATE TABLE caption_reminders_sent (
  video_id uuid NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('deadline-near', 'deadline-missed')),
  deadline timestamptz NOT NULL,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (video_id, kind, deadline)
);

-- Caption style (size, colour, background) remembered per user; null: the player's defaults.
ALTER TABLE users ADD COLUMN caption_style jsonb;

CREATE INDEX videos_published_for_captions ON videos (published_at) WHERE published_at IS NOT NULL AND trashed_at IS NULL;
