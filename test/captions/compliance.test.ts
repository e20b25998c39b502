// The caption compliance reports over HTTP and CSV on real PostgreSQL, with an injected clock: one video
// per caption state (none, automatic draft, reviewed, text alternative, exempt), overdue ones first,
// summary counts, filters, paging, and what is left out (unpublished, trashed, other courses).
import { saveCaptionVersion, setTrackReviewed } from '../../src/captions/captions.repo.js';
import { loadComplianceReport } from '../../src/captions/compliance.service.js';
import { placeVideo, trashVideo } from '../../src/videos/videos.repo.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, type SixUsers } from '../helpers/six-users.js';
import { createVideo } from '../helpers/video-factory.js';

const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 10, 20, 12, 0, 0));
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY);

let ctx: LtiTestContext;
let users: SixUsers;
let teacherId: string;
type Case = 'none' | 'draft' | 'reviewed' | 'textAlt' | 'exempt' | 'fresh' | 'other' | 'ready' | 'trashed' | 'elsewhere' | 'placed';
const ids = {} as Record<Case, string>;

async function publishedVideo(title: string, publishedDaysAgo: number, o: { courseId?: string; language?: 'fi' | 'en' | 'other' } = {}): Promise<string> {
  const v = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: o.courseId ?? users.here, status: 'published', title, language: o.language ?? 'fi' });
  await ctx.deps.db.updateTable('videos').set({ published_at: daysAgo(publishedDaysAgo) }).where('id', '=', v.id).execute();
  return v.id;
}

async function track(videoId: string, language: string, o: { reviewed: boolean }): Promise<void> {
  const db = ctx.deps.db;
  const saved = await saveCaptionVersion(db, { videoId, language, source: 'asr', vtt: 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nhei\n', cueCount: 1, userId: null, now: NOW });
  if (o.reviewed) await setTrackReviewed(db, { trackId: saved.trackId, userId: teacherId, now: NOW });
}

beforeAll(async () => {
  ctx = await createLtiTestContext({ now: () => NOW });
  users = await launchSixUsers(ctx);
  teacherId = users.instructorHereId;
  const db = ctx.deps.db;
  ids.none = await publishedVideo('No captions, overdue', 20);
  ids.draft = await publishedVideo('Draft, 2 days left', 12);
  await track(ids.draft, 'fi', { reviewed: false });
  // A reviewed track in another language does not count.
  await track(ids.draft, 'en', { reviewed: true });
  ids.reviewed = await publishedVideo('Reviewed', 30);
  await track(ids.reviewed, 'fi', { reviewed: true });
  ids.textAlt = await publishedVideo('Text alternative', 25);
  await db.insertInto('caption_text_alternatives').values({ video_id: ids.textAlt, file_name: 't.txt', content_type: 'text/plain', blob_key: 'videos/x/t.txt', size_bytes: 3, uploaded_by: teacherId }).execute();
  ids.exempt = await publishedVideo('Exempt', 40);
  await db.insertInto('caption_exemptions').values({ video_id: ids.exempt, reason: 'Presents the slides printed on this page', granted_by: teacherId }).execute();
  ids.fresh = await publishedVideo('Fresh, 13 days left', 1);
  ids.other = await publishedVideo('Other language with a German track', 3, { language: 'other' });
  await track(ids.other, 'de', { reviewed: true });
  // Left out of the report: not published, trashed.
  ids.ready = (await createVideo(db, { ownerId: teacherId, courseId: users.here, status: 'ready', title: 'Not published' })).id;
  ids.trashed = await publishedVideo('Trashed', 20);
  await trashVideo(db, ids.trashed, NOW);
  // Elsewhere: counted for the other course, and for this one only when placed here.
  const elsewhere = users.clients.learnerElsewhere.courseId;
  ids.elsewhere = await publishedVideo('Elsewhere', 20, { courseId: elsewhere });
  ids.placed = await publishedVideo('Placed here from elsewhere', 15, { courseId: elsewhere });
  await placeVideo(db, { videoId: ids.placed, courseId: users.here, placedBy: null });
});
afterAll(() => ctx.close());

type Row = { id: string; status: string; overdue: boolean; days: string };
function rowsOf(html: string): Row[] {
  return [...html.matchAll(/<tr data-video-id="([^"]+)" data-status="([^"]+)"( data-overdue="true")?>[\s\S]*?<td class="days[^"]*">([^<]*)<\/td>/g)].map((m) => ({
    id: m[1]!,
    status: m[2]!,
    overdue: !!m[3],
    days: m[4]!,
  }));
}
/** RFC 4180 fields of one CSV line. */
function fields(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) => (m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!));
}
const countOf = (html: string, key: string) => Number(new RegExp(`data-count="${key}">(\\d+)<`).exec(html)?.[1]);

test('the course report shows each caption state, overdue first, with days left and the summary', async () => {
  const res = await users.clients.instructorHere.get(`/courses/${users.here}/captions/compliance`).set('Accept-Language', 'en');
  expect(res.status).toBe(200);
  const rows = rowsOf(res.text);
  const byId = Object.fromEntries(rows.map((r) => [r.id, r]));
  expect(rows.map((r) => r.id)).toEqual([ids.none, ids.placed, ids.draft, ids.fresh, ids.exempt, ids.reviewed, ids.textAlt, ids.other]);
  expect(byId[ids.none]).toMatchObject({ status: 'none', overdue: true });
  expect(byId[ids.placed]).toMatchObject({ status: 'none', overdue: true });
  expect(byId[ids.draft]).toMatchObject({ status: 'automatic-draft', overdue: false });
  expect(byId[ids.reviewed]).toMatchObject({ status: 'reviewed', overdue: false });
  expect(byId[ids.textAlt]).toMatchObject({ status: 'text-alternative' });
  expect(byId[ids.exempt]).toMatchObject({ status: 'exempt' });
  expect(byId[ids.other]).toMatchObject({ status: 'reviewed' });
  for (const left of [ids.ready, ids.trashed, ids.elsewhere]) expect(byId[left]).toBeUndefined();
  // The demo LMS launches in Finnish.
  expect(byId[ids.none]!.days).toBe('Myöhässä 6 päivää');
  expect(byId[ids.draft]!.days).toBe('2 päivää jäljellä');
  expect(byId[ids.reviewed]!.days).toBe('Täytetty');
  expect(countOf(res.text, 'overdue')).toBe(2);
  expect(countOf(res.text, 'due-soon')).toBe(1);
  expect(countOf(res.text, 'satisfied')).toBe(4);
  expect(countOf(res.text, 'total')).toBe(8);
  // Links to the editor (the video's language) and to the caption page.
  expect(res.text).toContain(`/videos/${ids.draft}/captions/fi/edit`);
  expect(res.text).toContain(`/videos/${ids.draft}/captions?st=`);
  // Status is text, not colour only; the table has a caption and header scopes.
  expect(res.text).toMatch(/<caption>[^<]+<\/caption>/);
  expect(res.text).toContain('<th scope="row">');
  expect(res.text).toContain('Ei tekstitystä');
});

test('filters: one status, and overdue only', async () => {
  const drafts = rowsOf((await users.clients.instructorHere.get(`/courses/${users.here}/captions/compliance?status=automatic-draft`)).text);
  expect(drafts.map((r) => r.id)).toEqual([ids.draft]);
  const overdue = rowsOf((await users.clients.instructorHere.get(`/courses/${users.here}/captions/compliance?overdue=1`)).text);
  expect(overdue.map((r) => r.id)).toEqual([ids.none, ids.placed]);
  // The SQL filter and the pure status function agree on every state.
  for (const status of ['none', 'automatic-draft', 'reviewed', 'text-alternative', 'exempt']) {
    const rows = rowsOf((await users.clients.admin.get(`/admin/captions/compliance?status=${status}`)).text);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.status === status)).toBe(true);
  }
  const bad = await users.clients.instructorHere.get(`/courses/${users.here}/captions/compliance?status=bogus`).set('Accept', 'application/json');
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/status/);
});

test('the CSV export has one line per video with status, deadline, days left and overdue', async () => {
  const res = await users.clients.instructorHere.get(`/courses/${users.here}/captions/compliance.csv`);
  expect(res.status).toBe(200);
  expect(res.headers['content-type']).toMatch(/^text\/csv/);
  expect(res.headers['content-disposition']).toMatch(/attachment; filename="?caption-compliance-course-\d+\.csv"?/);
  const lines = res.text.trim().split('\r\n');
  expect(lines[0]).toBe('video_id,title,course,owner,published_at,language,status,deadline,days_left,overdue,captions_url');
  expect(lines).toHaveLength(9);
  const none = lines.find((l) => l.startsWith(ids.none))!;
  expect(fields(none)).toEqual([ids.none, 'No captions, overdue', expect.any(String), expect.any(String), daysAgo(20).toISOString(), 'fi', 'none', daysAgo(6).toISOString(), '-6', 'yes', `https://luento.test/videos/${ids.none}/captions`]);
  const reviewed = lines.find((l) => l.startsWith(ids.reviewed))!;
  expect(fields(reviewed).slice(6)).toEqual(['reviewed', daysAgo(16).toISOString(), '', 'no', `https://luento.test/videos/${ids.reviewed}/captions`]);
  const exempt = lines.find((l) => l.startsWith(ids.exempt))!;
  expect(fields(exempt)[6]).toBe('exempt');
  const alt = lines.find((l) => l.startsWith(ids.textAlt))!;
  expect(fields(alt)[6]).toBe('text-alternative');
  const draft = lines.find((l) => l.startsWith(ids.draft))!;
  expect(fields(draft).slice(6, 10)).toEqual(['automatic-draft', daysAgo(-2).toISOString(), '2', 'no']);
});

test('the site report covers every course and filters by course and owner', async () => {
  const all = rowsOf((await users.clients.admin.get('/admin/captions/compliance')).text);
  expect(all.map((r) => r.id)).toEqual(expect.arrayContaining([ids.elsewhere, ids.none, ids.placed]));
  expect(all[0]!.overdue).toBe(true);
  const elsewhere = users.clients.learnerElsewhere.courseId;
  const inElsewhere = rowsOf((await users.clients.admin.get(`/admin/captions/compliance?course=${elsewhere}`)).text);
  expect(inElsewhere.map((r) => r.id).sort()).toEqual([ids.elsewhere, ids.placed].sort());
  const byOwner = rowsOf((await users.clients.admin.get(`/admin/captions/compliance?owner=${teacherId}&status=none`)).text);
  // Two videos published at the same moment are ordered by id.
  const sameMoment = [ids.none, ids.elsewhere].sort();
  expect(byOwner.map((r) => r.id)).toEqual([...sameMoment, ids.placed, ids.fresh]);
  const csv = await users.clients.admin.get(`/admin/captions/compliance.csv?overdue=1`);
  expect(csv.text.trim().split('\r\n').slice(1).map((l) => l.split(',')[0])).toEqual([...sameMoment, ids.placed]);
});

test('pages follow each other by urgency without gaps or repeats', async () => {
  const admin = { kind: 'user', userId: teacherId, isSiteAdmin: true, course: null } as const;
  const seen: string[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 10; i++) {
    const page = await loadComplianceReport(ctx.deps, admin, { scope: { kind: 'site' }, filter: {}, cursor, pageSize: 3 });
    seen.push(...page.items.map((x) => x.id));
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  const whole = await loadComplianceReport(ctx.deps, admin, { scope: { kind: 'site' }, filter: {}, pageSize: 100 });
  expect(seen).toEqual(whole.items.map((x) => x.id));
  expect(new Set(seen).size).toBe(9);
});

test('the course sets automatic captions on publish: follow the site, on, off', async () => {
  const teacher = users.clients.instructorHere;
  for (const [asr, stored] of [['off', false], ['on', true], ['follow', null]] as const) {
    const res = await teacher.post(`/courses/${users.here}/captions/settings`).type('form').send({ asr });
    expect(res.status).toBe(303);
    const row = await ctx.deps.db.selectFrom('courses').select('asr_on_publish').where('id', '=', users.here).executeTakeFirstOrThrow();
    expect(row.asr_on_publish).toBe(stored);
  }
  const page = await teacher.get(`/courses/${users.here}/captions/compliance?saved=1`);
  expect(page.text).toMatch(/id="cc-asr-follow" name="asr" value="follow" checked/);
  const bad = await teacher.post(`/courses/${users.here}/captions/settings`).type('form').send({ asr: 'maybe' }).set('Accept', 'application/json');
  expect(bad.status).toBe(400);
});
