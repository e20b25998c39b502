-- The media block list (src/governance/media-block-list.ts): every web process reloads, every few seconds,
-- the ids of videos in the trash and of disabled users, so media tokens already handed out stop working
-- without a query per segment. These small partial indexes keep that reload an index-only scan, however
-- many videos and users the site has (taken-down videos and recently purged ones have their own tables).
CREATE INDEX videos_in_trash ON videos (id) WHERE trashed_at IS NOT NULL;
CREATE INDEX users_disabled ON users (id) WHERE disabled_at IS NOT NULL;
