-- Site admins are told about new reports (src/governance/moderation-alerts.ts). Filing a report writes one
-- alert row per admin who can be mailed, in the report's own transaction, so every report reaches every
-- admin exactly once. A digest step (right after the report, and a job every minute) turns an admin's
-- pending alerts into one mail in the notices outbox (040), at most once per 15 minutes per admin, so a
-- wave of reports does not flood anyone; it marks the alerts it covered in the same transaction.
CREATE TABLE moderation_report_alerts (
  admin_id bigint NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  report_id bigint NOT NULL REFERENCES video_reports(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  -- When a digest covered it (or found nothing left to tell: the report was handled, or the admin is
  -- no longer one); the Message-ID of that digest's mail, if one was queued.
  handled_at timestamptz,
  message_id text,
  PRIMARY KEY (admin_id, report_id)
);
CREATE INDEX moderation_report_alerts_pending ON moderation_report_alerts (admin_id, report_id) WHERE handled_at IS NULL;

-- One row per admin who has had a digest: when the last one was queued. Locked while a digest is made,
-- so two senders (a web process and the job) never mail the same admin twice within the window.
CREATE TABLE moderation_alert_digests (
  admin_id bigint PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  last_sent_at timestamptz
);
