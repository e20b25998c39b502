// Caption compliance use cases: the report of one course (its teachers and managers) and of the whole
// site (admins, with filters), paged by urgency, summary counts, and the CSV export. Each row's status,
// deadline, days left and "overdue" come from the pure captionCompliance (caption-deadline.ts).
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import { isAllowed, type Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import { captionCompliance, type CaptionCompliance } from './caption-deadline.js';
import { captionPolicyOf, loadCaptionSettings, type CaptionSettings } from './caption-settings.js';
import {
  countCompliance,
  listComplianceRows,
  listTrackSummaries,
  subjectOf,
  type ComplianceCounts,
  type ComplianceCursor,
  type ComplianceFilter,
  type ComplianceVideoRow,
} from './compliance.repo.js';

export type ComplianceDeps = { db: Db; now: () => Date };

export type ComplianceItem = ComplianceVideoRow &
  CaptionCompliance & {
    trackLanguages: string[];
    /** The editor's language: the video's own (none for an 'other'-language video). */
    editLanguage: string | null;
    can: { edit: boolean; exempt: boolean };
  };

export type ComplianceReport = { items: ComplianceItem[]; counts: ComplianceCounts; nextCursor: string | null; settings: CaptionSettings };

export type ReportScope = { kind: 'course'; courseId: string } | { kind: 'site' };

export const PAGE_SIZE = 50;

const cursorSchema = z.object({ isSatisfied: z.boolean(), publishedAt: z.string().max(64), id: z.uuid() });

/** Cursors are opaque to clients: base64url JSON, validated on the way back in. */
export function encodeCursor(c: ComplianceCursor): string {
  return Buffer.from(JSON.stringify(c)).toString('base64url');
}
export function decodeCursor(s: string | undefined): ComplianceCursor | undefined {
  if (!s) return undefined;
  try {
    const parsed = cursorSchema.safeParse(JSON.parse(Buffer.from(s, 'base64url').toString('utf8')));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

function authorizeScope(actor: Actor, scope: ReportScope): void {
  if (scope.kind === 'course') authorize(actor, 'caption.compliance', { kind: 'course', courseId: scope.courseId });
  else authorize(actor, 'admin.site', { kind: 'site' });
}

function scopedFilter(scope: ReportScope, f: ComplianceFilter): ComplianceFilter {
  return scope.kind === 'course' ? { ...f, courseId: scope.courseId } : f;
}

async function toItems(deps: ComplianceDeps, actor: Actor, o: { scope: ReportScope; rows: ComplianceVideoRow[]; settings: CaptionSettings; now: Date }): Promise<ComplianceItem[]> {
  const tracks = await listTrackSummaries(deps.db, o.rows.map((r) => r.id));
  const policy = captionPolicyOf(o.settings);
  return o.rows.map((r) => {
    const own = tracks.get(r.id) ?? [];
    // The course page decides rights in its course; the site report in the video's home course.
    const resource = { kind: 'video', courseId: o.scope.kind === 'course' ? o.scope.courseId : r.courseId, ownerId: r.ownerId } as const;
    return {
      ...r,
      ...captionCompliance(subjectOf(r, own), policy, o.now),
      trackLanguages: own.map((t) => t.language),
      editLanguage: r.language === 'other' ? null : r.language,
      can: { edit: isAllowed(actor, 'caption.edit', resource), exempt: isAllowed(actor, 'caption.exempt', resource) },
    };
  });
}

/** One page of the report with the summary counts of the scope. */
export async function loadComplianceReport(deps: ComplianceDeps, actor: Actor, o: { scope: ReportScope; filter: ComplianceFilter; cursor?: string; pageSize?: number }): Promise<ComplianceReport> {
  authorizeScope(actor, o.scope);
  if (o.scope.kind === 'course') {
    const course = await deps.db.selectFrom('courses').select('id').where('id', '=', o.scope.courseId).executeTakeFirst();
    if (!course) throw new NotFoundError('No such course');
  }
  const settings = await loadCaptionSettings(deps.db);
  const now = deps.now();
  const filter = scopedFilter(o.scope, o.filter);
  const limit = o.pageSize ?? PAGE_SIZE;
  const rows = await listComplianceRows(deps.db, { filter, deadlineDays: settings.deadlineDays, now, after: decodeCursor(o.cursor), limit: limit + 1 });
  const page = rows.slice(0, limit);
  const counts = await countCompliance(deps.db, { scope: { courseId: filter.courseId, ownerId: filter.ownerId }, deadlineDays: settings.deadlineDays, dueSoonDays: settings.remindDaysBefore, now });
  const last = page.at(-1);
  return { items: await toItems(deps, actor, { scope: o.scope, rows: page, settings, now }), counts, nextCursor: rows.length > limit && last ? encodeCursor(last.cursor) : null, settings };
}

/** Every matching row, most urgent first, read 1,000 at a time (for the CSV export). */
export async function* complianceItems(deps: ComplianceDeps, actor: Actor, o: { scope: ReportScope; filter: ComplianceFilter }): AsyncGenerator<ComplianceItem> {
  authorizeScope(actor, o.scope);
  const settings = await loadCaptionSettings(deps.db);
  const now = deps.now();
  const filter = scopedFilter(o.scope, o.filter);
  let after: ComplianceCursor | undefined;
  for (;;) {
    const rows = await listComplianceRows(deps.db, { filter, deadlineDays: settings.deadlineDays, now, after, limit: 1000 });
    for (const item of await toItems(deps, actor, { scope: o.scope, rows, settings, now })) yield item;
    if (rows.length < 1000) return;
    after = rows.at(-1)!.cursor;
  }
}

/** The course's own "automatic captions on publish" choice (null: follow the site). */
export async function loadCourseAsrSetting(deps: ComplianceDeps, actor: Actor, courseId: string): Promise<{ title: string; asrOnPublish: boolean | null }> {
  authorize(actor, 'caption.compliance', { kind: 'course', courseId });
  const row = await deps.db.selectFrom('courses').select(['title', 'context_id', 'asr_on_publish']).where('id', '=', courseId).executeTakeFirst();
  if (!row) throw new NotFoundError('No such course');
  return { title: row.title || row.context_id, asrOnPublish: row.asr_on_publish };
}

/** Teachers and managers of the course choose whether publishing starts speech recognition there. */
export async function setCourseAsrSetting(deps: ComplianceDeps, actor: Actor, o: { courseId: string; asrOnPublish: boolean | null }): Promise<void> {
  authorize(actor, 'caption.compliance', { kind: 'course', courseId: o.courseId });
  const r = await deps.db.updateTable('courses').set({ asr_on_publish: o.asrOnPublish, updated_at: deps.now() }).where('id', '=', o.courseId).executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw new NotFoundError('No such course');
}
