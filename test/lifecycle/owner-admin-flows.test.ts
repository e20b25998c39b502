// What owners and admins do through the pages: the banner, an extension that postpones trashing,
// refusal, restore with placements, purge now (and its refusal under a hold), validation of bad input.
import { sha256 } from '../../src/auth/hmac.js';
import { defaultLifecycleSettings } from '../../src/lifecycle/lifecycle-settings.js';
import { runSweep } from '../../src/lifecycle/sweep.js';
import { findVideo, placeVideo } from '../../src/videos/videos.repo.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, requestAs, type SixUsers, type Who } from '../helpers/six-users.js';
import { createVideo, userIdOfSession } from '../helpers/video-factory.js';
import { quietLog } from './lifecycle-fixtures.js';

let ctx: LtiTestContext;
let users: SixUsers;
let teacherId: string;
let elsewhere: string;
const DAY = 86_400_000;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  teacherId = users.instructorHereId;
  elsewhere = users.clients.learnerElsewhere.courseId;
});
afterAll(() => ctx.close());

const db = () => ctx.deps.db;
const get = (who: Who, path: string) => requestAs(ctx, users, who).get(path).set('Accept', 'text/html');
const post = (who: Who, path: string, body: Record<string, string> = {}) => requestAs(ctx, users, who).post(path).type('form').set('Accept', 'application/json').send(body);
const inDays = (n: number) => new Date(Date.now() + n * DAY).toISOString().slice(0, 10);
const sweepAt = (daysFromNow: number) =>
  runSweep({ db: db(), blobStore: ctx.deps.media.blobStore, mailer: ctx.deps.media.mailer, log: quietLog }, { settings: defaultLifecycleSettings, now: new Date(Date.now() + daysFromNow * DAY) });

/** A published video of the teacher whose last activity was `ageDays` ago. */
async function agedVideo(title: string, ageDays: number): Promise<string> {
  const v = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: users.here, status: 'published', title });
  const at = new Date(Date.now() - ageDays * DAY);
  await ctx.deps.db.updateTable('videos').set({ created_at: at, published_at: at, last_viewed_at: at }).where('id', '=', v.id).execute();
  await ctx.deps.media.blobStore.put(`videos/${v.id}/source/original.mp4`, { bytes: new Uint8Array([1, 2, 3]) });
  return v.id;
}

it('shows the owner a banner with the date once the warning is out, and learners nothing', async () => {
  const id = await agedVideo('Banner lecture', 710);
  expect((await get('instructorHere', `/videos/${id}/edit`)).text).not.toContain('data-testid="lifecycle-banner"');
  await sweepAt(0);
  const edit = await get('instructorHere', `/videos/${id}/edit`);
  expect(edit.status).toBe(200);
  // The demo LMS launches in Finnish.
  expect(edit.text).toContain('data-testid="lifecycle-banner"');
  expect(edit.text).toMatch(/”Banner lecture” siirtyy roskakoriin \d+\. \S+ \d{4}/);
  expect(edit.text).toContain(`/videos/${id}/extension`);
  const library = await get('instructorHere', `/courses/${users.here}/videos`);
  expect(library.text).toContain('”Banner lecture” siirtyy roskakoriin');
  expect(library.text).toContain('/lifecycle/trash');
  const learner = await get('learnerHere', `/courses/${users.here}/videos`);
  expect(learner.status).toBe(200);
  expect(learner.text).not.toContain('lifecycle-banner');
  // A view moves the trash date: the old warning no longer stands, so the banner goes away.
  await ctx.deps.db.updateTable('videos').set({ last_viewed_at: new Date() }).where('id', '=', id).execute();
  expect((await get('instructorHere', `/videos/${id}/edit`)).text).not.toContain('data-testid="lifecycle-banner"');
});

it('validates an extension request with messages a person understands, and allows one pending at a time', async () => {
  const id = await agedVideo('Validated', 100);
  const short = await post('instructorHere', `/videos/${id}/extension`, { justification: 'short', until: inDays(30) });
  expect(short.status).toBe(400);
  expect(short.body.error.message).toContain('at least 10 characters');
  const past = await post('instructorHere', `/videos/${id}/extension`, { justification: 'Needed for the accreditation review', until: inDays(-3) });
  expect(past.status).toBe(400);
  expect(past.body.error.message).toContain('must be in the future');
  const far = await post('instructorHere', `/videos/${id}/extension`, { justification: 'Needed for the accreditation review', until: inDays(2000) });
  expect(far.status).toBe(400);
  expect(far.body.error.message).toContain('at most 730 days');
  expect(await db().selectFrom('extension_requests').select('id').where('video_id', '=', id).execute()).toHaveLength(0);
  expect((await post('instructorHere', `/videos/${id}/extension`, { justification: 'Needed for the accreditation review', until: inDays(300) })).status).toBe(303);
  const again = await post('instructorHere', `/videos/${id}/extension`, { justification: 'Needed for the accreditation review', until: inDays(300) });
  expect(again.status).toBe(409);
  expect(again.body.error.message).toContain('already waiting');
});

it('an approved extension postpones trashing to its date, and the owner is notified', async () => {
  const id = await agedVideo('Extended lecture', 710);
  await sweepAt(0);
  expect((await post('instructorHere', `/videos/${id}/extension`, { justification: 'Used again in the 2027 course', until: inDays(200) })).status).toBe(303);
  const queue = await get('admin', '/admin/lifecycle/extensions');
  expect(queue.text).toContain('Used again in the 2027 course');
  const request = await db().selectFrom('extension_requests').select('id').where('video_id', '=', id).executeTakeFirstOrThrow();
  expect((await post('admin', `/admin/lifecycle/extensions/${request.id}/approve`, { until: inDays(200) })).status).toBe(303);
  expect((await post('admin', `/admin/lifecycle/extensions/${request.id}/approve`, { until: inDays(200) })).status).toBe(409);
  const notice = await db().selectFrom('lifecycle_notices').select(['subject', 'sent_at']).where('video_id', '=', id).where('message_id', 'like', '<lifecycle.approved.%').executeTakeFirstOrThrow();
  // The teacher launched with the locale fi-FI: the mail is in Finnish.
  expect(notice.subject).toContain('Pidennys hyväksytty');
  expect(notice.sent_at).toBeInstanceOf(Date);
  // Without the extension it would be trashed on day 30; with it, not before day 200 and a new warning.
  await sweepAt(31);
  expect((await findVideo(ctx.deps.db, id))?.trashed_at).toBeNull();
  await sweepAt(171);
  await sweepAt(199);
  expect((await findVideo(ctx.deps.db, id))?.trashed_at).toBeNull();
  await sweepAt(201);
  expect((await findVideo(ctx.deps.db, id))?.trashed_at).toBeInstanceOf(Date);
  const actions = (await db().selectFrom('lifecycle_events').select('action').where('video_id', '=', id).orderBy('id').execute()).map((e) => e.action);
  expect(actions).toEqual(['warn-trash', 'extension-requested', 'extension-approved', 'warn-trash', 'trash']);
});

it('a refusal needs a reason, and the reason reaches the owner', async () => {
  const id = await agedVideo('Refused lecture', 10);
  await post('instructorHere', `/videos/${id}/extension`, { justification: 'I would like to keep it forever', until: inDays(600) });
  const request = await db().selectFrom('extension_requests').select('id').where('video_id', '=', id).executeTakeFirstOrThrow();
  expect((await post('admin', `/admin/lifecycle/extensions/${request.id}/refuse`, { reason: '' })).status).toBe(400);
  expect((await post('admin', `/admin/lifecycle/extensions/${request.id}/refuse`, { reason: 'Course ended in 2024' })).status).toBe(303);
  const notice = await db().selectFrom('lifecycle_notices').select('body').where('video_id', '=', id).executeTakeFirstOrThrow();
  expect(notice.body).toContain('Course ended in 2024');
  expect((await findVideo(ctx.deps.db, id))?.retain_until).toBeNull();
});

it('restore brings a deleted video back exactly as it was, placements included', async () => {
  const id = await agedVideo('Restored lecture', 50);
  await placeVideo(ctx.deps.db, { videoId: id, courseId: elsewhere, placedBy: teacherId });
  const before = await findVideo(ctx.deps.db, id);
  expect((await post('instructorHere', `/videos/${id}/delete`)).status).toBe(303);
  const trash = await get('instructorHere', '/lifecycle/trash');
  expect(trash.text).toContain('Restored lecture');
  expect(trash.text).toContain('Henkilön poistama');
  // Viewed 50 days ago: the policy warns only two years after that view, so the purge is not 180 days away.
  const purgeOn = new Date(before!.last_viewed_at!.getTime() + (730 + 30) * DAY);
  expect(trash.text).toContain(new Intl.DateTimeFormat('fi', { dateStyle: 'long', timeZone: 'UTC' }).format(purgeOn));
  expect((await get('learnerHere', '/lifecycle/trash')).text).not.toContain('Restored lecture');
  expect((await post('instructorHere', `/lifecycle/trash/${id}/restore`)).status).toBe(303);
  const after = await findVideo(ctx.deps.db, id);
  const { updated_at: _a, ...restored } = after!;
  const { updated_at: _b, ...original } = before!;
  expect(restored).toEqual(original);
  expect(await ctx.deps.db.selectFrom('video_placements').select('course_id').where('video_id', '=', id).execute()).toEqual([{ course_id: elsewhere }]);
  expect((await get('learnerElsewhere', `/courses/${elsewhere}/videos`)).text).toContain('Restored lecture');
  expect((await post('instructorHere', `/lifecycle/trash/${id}/restore`)).status).toBe(404);
});

it('purge now asks for confirmation, deletes the files, keeps a tombstone; a legal hold stops it', async () => {
  const id = await agedVideo('Purged now', 50);
  const held = await agedVideo('Held lecture', 50);
  for (const v of [id, held]) await post('instructorHere', `/videos/${v}/delete`);
  expect((await post('admin', '/admin/lifecycle/holds/video', { videoId: held, reason: 'Litigation 2026/14', hold: 'on' })).status).toBe(303);
  const confirm = await get('admin', `/admin/lifecycle/trash/${id}/purge`);
  expect(confirm.text).toContain('cannot be recovered');
  expect((await post('admin', `/admin/lifecycle/trash/${id}/purge`)).status).toBe(303);
  expect(await ctx.deps.media.blobStore.list(`videos/${id}/`)).toEqual([]);
  expect(await findVideo(ctx.deps.db, id)).toBeUndefined();
  const adminId = await userIdOfSession(ctx.deps.db, sha256(users.clients.admin.sessionToken));
  expect(await db().selectFrom('video_tombstones').select(['title', 'reason', 'purged_by']).where('video_id', '=', id).executeTakeFirst()).toEqual({ title: 'Purged now', reason: 'admin-purge-now', purged_by: adminId });
  const refused = await post('admin', `/admin/lifecycle/trash/${held}/purge`);
  expect(refused.status).toBe(409);
  expect(refused.body.error.message).toContain('legal hold');
  expect(await ctx.deps.media.blobStore.list(`videos/${held}/`)).toHaveLength(1);
  expect((await post('admin', '/admin/lifecycle/holds/video', { videoId: 'nope', reason: 'x', hold: 'on' })).status).toBe(400);
});

it('the audit log filters and exports CSV, neutralising formulas', async () => {
  const id = await agedVideo('=HYPERLINK("evil")', 710);
  await sweepAt(0);
  const page = await get('admin', `/admin/lifecycle/audit?action=warn-trash&video=${id}`);
  expect(page.text).toContain('warn-trash');
  const csv = await get('admin', `/admin/lifecycle/audit?format=csv&video=${id}`);
  expect(csv.headers['content-type']).toContain('text/csv');
  const lines = csv.text.trim().split('\r\n');
  expect(lines[0]).toBe('at,action,video_id,video_title,owner,actor,reason,details');
  expect(lines).toHaveLength(2);
  expect(lines[1]).toContain(`"'=HYPERLINK(""evil"")"`);
  expect((await get('admin', '/admin/lifecycle/audit?action=explode')).status).toBe(400);
});

it('the dry-run page lists what the sweep would do; the policy form refuses an impossible policy', async () => {
  const id = await agedVideo('Dry run lecture', 720);
  const dry = await get('admin', '/admin/lifecycle/dry-run');
  expect(dry.text).toContain('Dry run lecture');
  expect(await db().selectFrom('lifecycle_events').select('id').where('video_id', '=', id).execute()).toEqual([]);
  const bad = await post('admin', '/admin/lifecycle/policy', { trashAfterDays: '20', warnBeforeTrashDays: '30' });
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toContain('the trash warning must come before the trash date');
  expect((await post('admin', '/admin/lifecycle/policy', { trashAfterDays: '1000' })).status).toBe(303);
  expect((await get('admin', '/admin/lifecycle/dry-run')).text).not.toContain('Dry run lecture');
  await post('admin', '/admin/lifecycle/policy', { trashAfterDays: '730' });
});
