-- Videos: one owner (the author), a home course, a status, a language, and lifecycle fields.
CREATE TABLE videos (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  owner_id bigint NOT NULL REFERENCES users(id),
  home_course_id bigint NOT NULL REFERENCES courses(id),
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  description text NOT NULL DEFAULT '' CHECK (length(description) <= 10000),
  language text NOT NULL CHECK (language IN ('fi', 'sv', 'en', 'other')),
  status text NOT NULL DEFAULT 'uploading' CHECK (status IN ('uploading', 'processing', 'ready', 'published', 'failed')),
  allow_download boolean NOT NULL DEFAULT false,
  -- What was uploaded, and what processing made of it.
  source_key text,
  source_name text,
  source_bytes bigint,
  duration_seconds double precision,
  width integer,
  height integer,
  is_audio_only boolean NOT NULL DEFAULT false,
  renditions jsonb NOT NULL DEFAULT '[]'::jsonb,
  processing_percent smallint NOT NULL DEFAULT 0 CHECK (processing_percent BETWEEN 0 AND 100),
  processing_attempts integer NOT NULL DEFAULT 0,
  failure_code text,
  failure_message text,
  -- Lifecycle (src/lifecycle/retention.ts): publication counts as a view.
  published_at timestamptz,
  last_viewed_at timestamptz,
  retain_until timestamptz,
  legal_hold boolean NOT NULL DEFAULT false,
  trashed_at timestamptz,
  trash_warning_sent_at timestamptz,
  trash_warning_for timestamptz,
  purge_warning_sent_at timestamptz,
  purge_warning_for timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX videos_home_course ON videos (home_course_id, created_at DESC) WHERE trashed_at IS NULL;
CREATE INDEX videos_owner ON videos (owner_id);

-- The uploader's statement that they hold the rights and everyone appearing consented.
CREATE TABLE video_attestations (
  video_id uuid NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users(id),
  statement_version text NOT NULL,
  accepted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (video_id, user_id, statement_version)
);

-- Deep Linking (or the library) makes a video visible in a course other than its home.
CREATE TABLE video_placements (
  video_id uuid NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  course_id bigint NOT NULL REFERENCES courses(id) ON DELETE CASCADE,
  placed_by bigint REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (video_id, course_id)
);
CREATE INDEX video_placements_course ON video_placements (course_id);

-- Playback sessions: start, heartbeats, end. A view qualifies once more than 5 s were watched.
CREATE TABLE views (
  id uuid PRIMARY KEY,
  video_id uuid NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  user_id bigint REFERENCES users(id) ON DELETE SET NULL,
  course_id bigint REFERENCES courses(id) ON DELETE SET NULL,
  started_at timestamptz NOT NULL DEFAULT now(),
  last_event_at timestamptz NOT NULL DEFAULT now(),
  ended_at timestamptz,
  position_seconds double precision NOT NULL DEFAULT 0,
  watched_seconds double precision NOT NULL DEFAULT 0,
  is_qualifying boolean NOT NULL DEFAULT false
);
CREATE INDEX views_video ON views (video_id, started_at DESC);
CREATE INDEX views_user ON views (user_id);
