// The accessibility rule as pure code: every published video needs captions in its own language within
// `deadlineDays` of publication (14 by default). Machine captions count only once a person has reviewed
// them. A separate text alternative also satisfies the rule, and an audited exemption (the video is a
// media alternative to text already on the page) takes the video out of it.

export type CaptionPolicy = { deadlineDays: number; remindDaysBefore: number };
export const defaultCaptionPolicy: CaptionPolicy = { deadlineDays: 14, remindDaysBefore: 3 };

export type CaptionTrackSummary = { language: string; source: 'asr' | 'upload' | 'edited'; isReviewed: boolean };

export type CaptionSubject = {
  language: string;
  publishedAt: Date | null;
  tracks: readonly CaptionTrackSummary[];
  hasTextAlternative: boolean;
  isExempt: boolean;
};

export type CaptionStatus = 'none' | 'automatic-draft' | 'reviewed' | 'text-alternative' | 'exempt';

export type CaptionCompliance = {
  status: CaptionStatus;
  isSatisfied: boolean;
  deadline: Date | null;
  /** Whole days until the deadline (negative when overdue); null when unpublished or satisfied. */
  daysLeft: number | null;
  isOverdue: boolean;
};

const DAY_MS = 86_400_000;

/** The best caption state of the video in its own language; tracks in other languages do not count. */
export function captionStatus(s: CaptionSubject): CaptionStatus {
  if (s.isExempt) return 'exempt';
  const own = s.tracks.filter((t) => t.language === s.language);
  // A reviewed track, or a human-made upload, is a real caption; an unreviewed ASR track is a draft.
  if (own.some((t) => t.isReviewed)) return 'reviewed';
  if (s.hasTextAlternative) return 'text-alternative';
  if (own.length > 0) return 'automatic-draft';
  return 'none';
}

export function captionCompliance(s: CaptionSubject, policy: CaptionPolicy, now: Date): CaptionCompliance {
  const status = captionStatus(s);
  const isSatisfied = status === 'reviewed' || status === 'text-alternative' || status === 'exempt';
  if (!s.publishedAt) return { status, isSatisfied, deadline: null, daysLeft: null, isOverdue: false };
  const deadline = new Date(s.publishedAt.getTime() + policy.deadlineDays * DAY_MS);
  if (isSatisfied) return { status, isSatisfied, deadline, daysLeft: null, isOverdue: false };
  const daysLeft = Math.ceil((deadline.getTime() - now.getTime()) / DAY_MS);
  return { status, isSatisfied, deadline, daysLeft, isOverdue: now >= deadline };
}

export type CaptionReminder = 'deadline-near' | 'deadline-missed';

/**
 * The reminders due now that have not been sent: one N days before the deadline, one when it is missed.
 * A reminder whose moment has passed while it was not due (the video was captioned, then the caption
 * was removed) is still sent once, as the owner needs to know.
 */
export function remindersDue(s: CaptionSubject, policy: CaptionPolicy, now: Date, alreadySent: ReadonlySet<CaptionReminder>): CaptionReminder[] {
  const c = captionCompliance(s, policy, now);
  if (c.isSatisfied || !c.deadline) return [];
  if (c.isOverdue) return alreadySent.has('deadline-missed') ? [] : ['deadline-missed'];
  const remindFrom = new Date(c.deadline.getTime() - policy.remindDaysBefore * DAY_MS);
  if (now >= remindFrom && !alreadySent.has('deadline-near')) return ['deadline-near'];
  return [];
}
