// Acceptable-use reports and moderation decisions. Anyone who may watch a video may report it (rate-limited
// per person, counted in the database so the limit holds across web processes), and the site admins are
// told (moderation-alerts.ts); a site admin hides the video, dismisses its reports, or restores it, always
// with a reason, audited and mailed.
import type { Mailer } from '../adapters/mail/mailer.js';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { AppError, ConflictError, NotFoundError } from '../http/errors.js';
import { sendPendingNotices } from '../lifecycle/notices.js';
import type { Logger } from '../logger.js';
import { findVideo } from '../videos/videos.repo.js';
import { loadWatchableVideo } from '../videos/videos.service.js';
import { recordAudit } from './audit.js';
import { enqueueModerationMail } from './moderation-notices.js';
import { queueReportAlerts, sendReportDigests } from './moderation-alerts.js';
import { countReportsSince, deleteTakedown, hasOpenReport, insertReport, insertTakedown, listQueue, lockReporter, resolveOpenReports, type QueueVideo } from './moderation.repo.js';
import type { MediaBlockList } from './media-block-list.js';
import type { ReportCategory } from './moderation.tables.js';

export type ModerationDeps = { db: Db; now: () => Date; log: Logger; mailer: Mailer; blocks: Pick<MediaBlockList, 'noteTakedown'>; publicUrl: string; reportLimit?: { max: number; windowMs: number } };

const defaultReportLimit = { max: 5, windowMs: 3_600_000 };

export class ReportRateLimitError extends AppError {
  constructor(max: number, windowMinutes: number) {
    super('report_rate_limited', 429, `You can send at most ${max} reports in ${windowMinutes} minutes. Wait a while and try again; your earlier reports are being reviewed.`, 'moderation.rateLimited');
  }
}

const userIdOf = (actor: Actor): string | null => (actor.kind === 'user' ? actor.userId : null);

/** The video a report form is about: only for those who may watch it (an embed session counts). */
export async function showReportForm(deps: Pick<ModerationDeps, 'db'>, actor: Actor, v: { videoId: string; embedVideoId?: string }): Promise<{ videoId: string; title: string }> {
  const { video } = await loadWatchableVideo(deps.db, actor, v.videoId, v.embedVideoId);
  return { videoId: video.id, title: video.title };
}

export async function reportVideo(deps: ModerationDeps, actor: Actor, r: { videoId: string; embedVideoId?: string; category: ReportCategory; details: string }): Promise<{ reportId: string }> {
  const { video } = await loadWatchableVideo(deps.db, actor, r.videoId, r.embedVideoId);
  if (actor.kind !== 'user') throw new NotFoundError('No such video');
  const limit = deps.reportLimit ?? defaultReportLimit;
  const now = deps.now();
  const { reportId, alerted } = await deps.db.transaction().execute(async (tx) => {
    await lockReporter(tx, actor.userId);
    if ((await countReportsSince(tx, actor.userId, new Date(now.getTime() - limit.windowMs))) >= limit.max) throw new ReportRateLimitError(limit.max, Math.round(limit.windowMs / 60_000));
    if (await hasOpenReport(tx, video.id, actor.userId)) throw new ConflictError('You have already reported this video, and the administrators have not handled that report yet.', 'already_reported');
    const id = await insertReport(tx, { videoId: video.id, reporterId: actor.userId, category: r.category, details: r.details, at: now });
    // The report's text stays in video_reports (it may name people); the audit keeps the category only.
    await recordAudit(tx, { action: 'video.reported', actorId: actor.userId, subject: { kind: 'video', id: video.id }, details: { reportId: id, category: r.category }, at: now });
    return { reportId: id, alerted: await queueReportAlerts(tx, { reportId: id, reporterId: actor.userId, at: now }) };
  });
  deps.log.info({ videoId: video.id, reportId, category: r.category, adminsAlerted: alerted.length }, 'video reported');
  await alertAfterCommit(deps, alerted);
  return { reportId };
}

export async function listModerationQueue(deps: Pick<ModerationDeps, 'db'>, actor: Actor): Promise<QueueVideo[]> {
  authorize(actor, 'moderation.manage', { kind: 'site' });
  return listQueue(deps.db);
}

/** The admins whose 15-minute window is open hear of the report now; the others from the job later. */
async function alertAfterCommit(deps: ModerationDeps, adminIds: string[]): Promise<void> {
  if (adminIds.length === 0) return;
  try {
    await sendReportDigests({ db: deps.db, mailer: deps.mailer, log: deps.log, publicUrl: deps.publicUrl }, { now: deps.now(), adminIds });
  } catch (err) {
    deps.log.error({ err }, 'report alerts could not be mailed now; the digest job retries every minute');
  }
}

async function mailAfterCommit(deps: ModerationDeps): Promise<void> {
  try {
    await sendPendingNotices({ db: deps.db, mailer: deps.mailer, log: deps.log, now: deps.now }, 50);
  } catch (err) {
    deps.log.error({ err }, 'moderation notices could not be sent now; the next lifecycle sweep retries');
  }
}

async function loadDecidedVideo(deps: ModerationDeps, actor: Actor, videoId: string) {
  authorize(actor, 'moderation.manage', { kind: 'site' });
  const video = await findVideo(deps.db, videoId);
  if (!video) throw new NotFoundError('No such video');
  return video;
}

/** Hides the video everywhere at once (this process's set now, the others' within seconds) and closes its reports. */
export async function takeDownVideo(deps: ModerationDeps, actor: Actor, d: { videoId: string; reason: string }): Promise<void> {
  const video = await loadDecidedVideo(deps, actor, d.videoId);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await insertTakedown(tx, { videoId: video.id, reason: d.reason, by: userIdOf(actor), at: now }))) throw new ConflictError('This video is already hidden.', 'already_taken_down');
    const closed = await resolveOpenReports(tx, { videoId: video.id, status: 'actioned', by: userIdOf(actor), reason: d.reason, at: now });
    await recordAudit(tx, { action: 'video.takedown', actorId: userIdOf(actor), subject: { kind: 'video', id: video.id }, reason: d.reason, details: { reportIds: closed.map((c) => c.id) }, at: now });
    const mail = { videoId: video.id, title: video.title, reason: d.reason, at: now, decisionKey: `t${now.getTime()}` };
    await enqueueModerationMail(tx, { ...mail, kind: 'takedownOwner', toUserId: video.owner_id });
    for (const reporterId of new Set(closed.map((c) => c.reporterId))) if (reporterId) await enqueueModerationMail(tx, { ...mail, kind: 'takedownReporter', toUserId: reporterId });
  });
  deps.blocks.noteTakedown(video.id, true);
  deps.log.info({ videoId: video.id }, 'video taken down');
  await mailAfterCommit(deps);
}

export async function dismissReports(deps: ModerationDeps, actor: Actor, d: { videoId: string; reason: string }): Promise<void> {
  const video = await loadDecidedVideo(deps, actor, d.videoId);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    const closed = await resolveOpenReports(tx, { videoId: video.id, status: 'dismissed', by: userIdOf(actor), reason: d.reason, at: now });
    if (closed.length === 0) throw new ConflictError('This video has no open reports to dismiss.', 'no_open_reports');
    for (const c of closed) await recordAudit(tx, { action: 'report.dismissed', actorId: userIdOf(actor), subject: { kind: 'report', id: c.id }, reason: d.reason, details: { videoId: video.id }, at: now });
    const mail = { videoId: video.id, title: video.title, reason: d.reason, at: now, decisionKey: `d${now.getTime()}` };
    for (const reporterId of new Set(closed.map((c) => c.reporterId))) if (reporterId) await enqueueModerationMail(tx, { ...mail, kind: 'dismissReporter', toUserId: reporterId });
  });
  deps.log.info({ videoId: video.id }, 'reports dismissed');
  await mailAfterCommit(deps);
}

export async function restoreVideo(deps: ModerationDeps, actor: Actor, d: { videoId: string; reason: string }): Promise<void> {
  const video = await loadDecidedVideo(deps, actor, d.videoId);
  const now = deps.now();
  await deps.db.transaction().execute(async (tx) => {
    if (!(await deleteTakedown(tx, video.id))) throw new ConflictError('This video is not hidden.', 'not_taken_down');
    await recordAudit(tx, { action: 'video.restored', actorId: userIdOf(actor), subject: { kind: 'video', id: video.id }, reason: d.reason, at: now });
    await enqueueModerationMail(tx, { kind: 'restoreOwner', decisionKey: `r${now.getTime()}`, videoId: video.id, title: video.title, toUserId: video.owner_id, reason: d.reason, at: now });
  });
  deps.blocks.noteTakedown(video.id, false);
  deps.log.info({ videoId: video.id }, 'video restored');
  await mailAfterCommit(deps);
}
