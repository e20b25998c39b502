// Writing to the site audit log. Call recordAudit inside the same transaction as the change it
// records (pass the transaction as `db`), so an event exists exactly when its change does.
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';

/** The audited actions. Add a line here when a feature audits something new. */
export const auditActions = [
  'launch.refused',
  'login.refused',
  'terms.published',
  'terms.accepted',
  'terms.declined',
  'attestation.published',
  'role.changed',
  'user.disabled',
  'user.enabled',
  'user.erased',
  'user.exported',
  'video.uploaded',
  'video.published',
  'video.unpublished',
  'video.attested',
  'video.ownership-transferred',
  'video.editor-added',
  'video.editor-removed',
  'video.reported',
  'video.takedown',
  'video.restored',
  'report.dismissed',
  'caption.exempted',
  'caption.exemption-revoked',
  'caption.reviewed',
  'extension.decided',
  'lifecycle.step',
  'platform.registered',
  'platform.approved',
  'platform.disabled',
  'platform.changed',
  'settings.changed',
  'auth.oidc.login',
  'auth.oidc.refused',
] as const;
export type AuditAction = (typeof auditActions)[number];

export type AuditEvent = {
  action: AuditAction;
  /** null: the system, or nobody known (an anonymous, refused launch). */
  actorId: string | null;
  subject?: { kind: 'video' | 'user' | 'course' | 'platform' | 'terms' | 'report' | 'site' | 'attestation'; id: string };
  reason?: string;
  details?: Record<string, unknown>;
  ip?: string | null;
  at?: Date;
};

export async function recordAudit(db: Kysely<Database>, e: AuditEvent): Promise<void> {
  await db
    .insertInto('audit_events')
    .values({
      action: e.action,
      actor_id: e.actorId,
      subject_kind: e.subject?.kind ?? null,
      subject_id: e.subject?.id ?? null,
      reason: e.reason ?? '',
      details: JSON.stringify(e.details ?? {}),
      ip: e.ip ?? null,
      ...(e.at ? { at: e.at } : {}),
    })
    .execute();
}
