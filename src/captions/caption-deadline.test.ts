import { captionCompliance, captionStatus, defaultCaptionPolicy as policy, remindersDue, type CaptionReminder, type CaptionSubject } from './caption-deadline.js';

const DAY = 86_400_000;
const pub = new Date('2026-03-02T10:00:00Z');
const at = (days: number) => new Date(pub.getTime() + days * DAY);
const video = (over: Partial<CaptionSubject> = {}): CaptionSubject => ({
  language: 'fi',
  publishedAt: pub,
  tracks: [],
  hasTextAlternative: false,
  isExempt: false,
  ...over,
});

describe('captionStatus', () => {
  it.each<[string, Partial<CaptionSubject>, string]>([
    ['no tracks', {}, 'none'],
    ['an unreviewed ASR draft in the video language', { tracks: [{ language: 'fi', source: 'asr', isReviewed: false }] }, 'automatic-draft'],
    ['a reviewed ASR track', { tracks: [{ language: 'fi', source: 'asr', isReviewed: true }] }, 'reviewed'],
    ['reviewed captions, but in another language only', { tracks: [{ language: 'en', source: 'edited', isReviewed: true }] }, 'none'],
    ['a text alternative', { hasTextAlternative: true }, 'text-alternative'],
    ['a draft and a text alternative', { hasTextAlternative: true, tracks: [{ language: 'fi', source: 'asr', isReviewed: false }] }, 'text-alternative'],
    ['exempt, whatever else', { isExempt: true, tracks: [{ language: 'fi', source: 'asr', isReviewed: false }] }, 'exempt'],
  ])('%s → %s', (_n, over, expected) => {
    expect(captionStatus(video(over))).toBe(expected);
  });
});

describe('captionCompliance', () => {
  it('puts the deadline 14 days after publication and counts down', () => {
    const c = captionCompliance(video(), policy, at(10));
    expect(c.deadline).toEqual(at(14));
    expect(c.daysLeft).toBe(4);
    expect(c.isOverdue).toBe(false);
  });

  it('is overdue from the deadline on', () => {
    expect(captionCompliance(video(), policy, at(14)).isOverdue).toBe(true);
    expect(captionCompliance(video(), policy, at(20)).daysLeft).toBe(-6);
  });

  it('is satisfied by reviewed captions, with no countdown', () => {
    const c = captionCompliance(video({ tracks: [{ language: 'fi', source: 'upload', isReviewed: true }] }), policy, at(30));
    expect(c).toMatchObject({ isSatisfied: true, isOverdue: false, daysLeft: null });
  });

  it('has no deadline before publication', () => {
    expect(captionCompliance(video({ publishedAt: null }), policy, at(30))).toMatchObject({ deadline: null, isOverdue: false });
  });

  it('follows a configured deadline', () => {
    expect(captionCompliance(video(), { deadlineDays: 7, remindDaysBefore: 2 }, at(8)).isOverdue).toBe(true);
  });
});

describe('remindersDue: each reminder exactly once', () => {
  it('sends "near" once in the reminder window and "missed" once after the deadline, over a daily simulation', () => {
    const sent: CaptionReminder[] = [];
    for (let hour = 0; hour < 30 * 24; hour += 6) {
      for (const r of remindersDue(video(), policy, new Date(pub.getTime() + hour * 3_600_000), new Set(sent))) sent.push(r);
    }
    expect(sent).toEqual(['deadline-near', 'deadline-missed']);
  });

  it('sends nothing for a captioned, unpublished or exempt video', () => {
    for (const v of [video({ isExempt: true }), video({ publishedAt: null }), video({ hasTextAlternative: true })]) {
      expect(remindersDue(v, policy, at(20), new Set())).toEqual([]);
    }
  });

  it('does not send "near" before the window', () => {
    expect(remindersDue(video(), policy, at(10), new Set())).toEqual([]);
    expect(remindersDue(video(), policy, at(11), new Set())).toEqual(['deadline-near']);
  });
});
