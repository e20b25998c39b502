-- Co-editors (issue 7): the owner of a video (videos.owner_id, its author unless ownership was
-- transferred) may let other staff edit the video and its captions. Only the owner (or a site admin)
-- adds and removes co-editors and transfers ownership.
CREATE TABLE video_editors (
  video_id uuid NOT NULL REFERENCES videos(id) ON DELETE CASCADE,
  user_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  added_by bigint REFERENCES users(id) ON DELETE SET NULL,
  added_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (video_id, user_id)
);
CREATE INDEX video_editors_user ON video_editors (user_id);
