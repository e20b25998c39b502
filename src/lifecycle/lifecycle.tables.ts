// Kysely table types of the lifecycle feature (migration 040), joined into src/db/schema.ts.
import type { Generated } from 'kysely';

export const lifecycleActions = [
  'warn-trash',
  'trash',
  'warn-purge',
  'purge',
  'purge-failed',
  'restore',
  'extension-requested',
  'extension-approved',
  'extension-refused',
  'video-hold-on',
  'video-hold-off',
  'owner-hold-on',
  'owner-hold-off',
  'policy-changed',
] as const;
export type LifecycleAction = (typeof lifecycleActions)[number];

export type LifecycleEventsTable = {
  id: Generated<string>;
  video_id: string | null;
  video_title: Generated<string>;
  owner_id: string | null;
  action: LifecycleAction;
  reason: string;
  actor_id: string | null;
  at: Date;
  details: Generated<unknown>;
}

export type VideoTombstonesTable = {
  video_id: string;
  title: string;
  owner_id: string | null;
  home_course_id: string | null;
  created_at: Date;
  published_at: Date | null;
  last_viewed_at: Date | null;
  trashed_at: Date | null;
  purged_at: Date;
  reason: string;
  purged_by: string | null;
  blobs_deleted: Generated<number>;
}

export type ExtensionStatus = 'pending' | 'approved' | 'refused';

export type ExtensionRequestsTable = {
  id: Generated<string>;
  video_id: string;
  requester_id: string;
  justification: string;
  requested_until: Date;
  status: Generated<ExtensionStatus>;
  approved_until: Date | null;
  decided_by: string | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: Date;
}

export type OwnerLegalHoldsTable = {
  owner_id: string;
  reason: string;
  placed_by: string | null;
  placed_at: Date;
}

export type LifecycleNoticesTable = {
  id: Generated<string>;
  message_id: string;
  video_id: string | null;
  to_user_id: string | null;
  to_address: string | null;
  subject: string;
  body: string;
  created_at: Date;
  sent_at: Date | null;
  attempts: Generated<number>;
  last_error: string | null;
}

// A type alias, not an interface: withTables needs an index-compatible record.
export type LifecycleTables = {
  lifecycle_events: LifecycleEventsTable;
  video_tombstones: VideoTombstonesTable;
  extension_requests: ExtensionRequestsTable;
  owner_legal_holds: OwnerLegalHoldsTable;
  lifecycle_notices: LifecycleNoticesTable;
};
