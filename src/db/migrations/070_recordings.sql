-- Browser recordings (issue 8): which videos came from the recorder, with the layout, the length the
-- recorder measured, and the trim the person chose in review. Processing cuts the source to the trim
-- (src/recorder/prepare-recording.ts) before it builds the ladder; the uploaded file itself stays as recorded.
CREATE TABLE recordings (
  video_id uuid PRIMARY KEY REFERENCES videos(id) ON DELETE CASCADE,
  layout text NOT NULL CHECK (layout IN ('camera', 'screen', 'screen-camera', 'audio')),
  recorded_ms integer NOT NULL CHECK (recorded_ms >= 0),
  trim_start_ms integer NOT NULL DEFAULT 0 CHECK (trim_start_ms >= 0),
  -- null: to the end of the recording.
  trim_end_ms integer CHECK (trim_end_ms IS NULL OR trim_end_ms > trim_start_ms),
  -- True when the recording was recovered from the browser's storage after a crash or reload.
  is_recovered boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
