// Kysely table types of reports and takedowns (migration 067) and of the admins' report alerts (069),
// joined into src/db/schema.ts.
import type { Generated } from 'kysely';

export const reportCategories = ['copyright', 'privacy', 'harassment', 'illegal', 'spam', 'other'] as const;
export type ReportCategory = (typeof reportCategories)[number];
export type ReportStatus = 'open' | 'actioned' | 'dismissed';

export interface VideoReportsTable {
  id: Generated<string>;
  video_id: string;
  reporter_id: string | null;
  category: ReportCategory;
  details: string;
  status: Generated<ReportStatus>;
  created_at: Generated<Date>;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution_reason: string | null;
}

export interface VideoTakedownsTable {
  video_id: string;
  reason: string;
  taken_down_by: string | null;
  taken_down_at: Generated<Date>;
}

/** One report announced to one admin (migration 069): pending until a digest covers it. */
export interface ModerationReportAlertsTable {
  admin_id: string;
  report_id: string;
  created_at: Date;
  handled_at: Date | null;
  message_id: string | null;
}

export interface ModerationAlertDigestsTable {
  admin_id: string;
  last_sent_at: Date | null;
}

export type ModerationTables = {
  video_reports: VideoReportsTable;
  video_takedowns: VideoTakedownsTable;
  moderation_report_alerts: ModerationReportAlertsTable;
  moderation_alert_digests: ModerationAlertDigestsTable;
};
