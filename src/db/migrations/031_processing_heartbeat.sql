-- Processing heartbeat (issue 4): the worker running process-video writes this every ~15 s, so the
-- processing watchdog can tell a killed worker's job (stale heartbeat) from a long one and fail it
-- through pg-boss, which retries it with its normal backoff instead of waiting for the 6 h expiry.
ALTER TABLE videos ADD COLUMN processing_heartbeat_at timestamptz;
