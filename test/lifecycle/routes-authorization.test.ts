// Every lifecycle route, for each of the six kinds of user: anonymous, learner here, learner in another
// course, instructor here (the owner of the videos), the same instructor launched from another course,
// and a site admin.
import type request from 'supertest';
import { trashVideo } from '../../src/videos/videos.repo.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import { everyone, launchSixUsers, requestAs, statuses, type SixUsers, type Who } from '../helpers/six-users.js';
import { createVideo } from '../helpers/video-factory.js';

let ctx: LtiTestContext;
let users: SixUsers;
let teacherId: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  teacherId = users.instructorHereId;
});
afterAll(() => ctx.close());

const get = (who: Who, path: string) => requestAs(ctx, users, who).get(path).set('Accept', 'text/html');
const post = (who: Who, path: string, body: Record<string, string> = {}) => requestAs(ctx, users, who).post(path).type('form').send(body);
const inDays = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString().slice(0, 10);

const video = async () => (await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: users.here, status: 'published' })).id;
const trashed = async () => {
  const id = await video();
  await trashVideo(ctx.deps.db, id, new Date());
  return id;
};
const pendingRequest = async () => {
  const row = await ctx.deps.db
    .insertInto('extension_requests')
    .values({ video_id: await video(), requester_id: teacherId, justification: 'Needed for the accreditation review', requested_until: new Date(Date.now() + 90 * 86_400_000), created_at: new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
};

const m = statuses;
const adminOnly = (ok: number) => m(401, 403, 403, 403, 403, ok);
const routes: Array<{ name: string; call: (who: Who) => Promise<request.Response>; expect: Record<Who, number> }> = [
  { name: 'GET /videos/:id/extension', call: async (w) => get(w, `/videos/${await video()}/extension`), expect: m(401, 403, 403, 200, 403, 403) },
  { name: 'POST /videos/:id/extension', call: async (w) => post(w, `/videos/${await video()}/extension`, { justification: 'Needed for the accreditation review', until: inDays(90) }), expect: m(401, 403, 403, 303, 403, 403) },
  { name: 'GET /lifecycle/trash', call: (w) => get(w, '/lifecycle/trash'), expect: m(401, 200, 200, 200, 200, 200) },
  // The instructor launched from another course is the same person: the owner may restore from anywhere.
  { name: 'POST /lifecycle/trash/:id/restore', call: async (w) => post(w, `/lifecycle/trash/${await trashed()}/restore`), expect: m(401, 403, 403, 303, 303, 303) },
  { name: 'GET /admin/lifecycle', call: (w) => get(w, '/admin/lifecycle'), expect: adminOnly(200) },
  { name: 'GET /admin/lifecycle/extensions', call: (w) => get(w, '/admin/lifecycle/extensions'), expect: adminOnly(200) },
  { name: 'POST /admin/lifecycle/extensions/:id/approve', call: async (w) => post(w, `/admin/lifecycle/extensions/${await pendingRequest()}/approve`, { until: inDays(60) }), expect: adminOnly(303) },
  { name: 'POST /admin/lifecycle/extensions/:id/refuse', call: async (w) => post(w, `/admin/lifecycle/extensions/${await pendingRequest()}/refuse`, { reason: 'Not justified' }), expect: adminOnly(303) },
  { name: 'GET /admin/lifecycle/trash', call: (w) => get(w, '/admin/lifecycle/trash'), expect: adminOnly(200) },
  { name: 'GET /admin/lifecycle/trash/:id/purge', call: async (w) => get(w, `/admin/lifecycle/trash/${await trashed()}/purge`), expect: adminOnly(200) },
  { name: 'POST /admin/lifecycle/trash/:id/purge', call: async (w) => post(w, `/admin/lifecycle/trash/${await trashed()}/purge`), expect: adminOnly(303) },
  { name: 'GET /admin/lifecycle/holds', call: (w) => get(w, '/admin/lifecycle/holds'), expect: adminOnly(200) },
  { name: 'POST /admin/lifecycle/holds/video', call: async (w) => post(w, '/admin/lifecycle/holds/video', { videoId: await video(), reason: 'Litigation 2026/14', hold: 'on' }), expect: adminOnly(303) },
  { name: 'POST /admin/lifecycle/holds/owner', call: (w) => post(w, '/admin/lifecycle/holds/owner', { ownerId: teacherId, reason: 'Litigation 2026/14', hold: 'off' }), expect: adminOnly(303) },
  { name: 'GET /admin/lifecycle/dry-run', call: (w) => get(w, '/admin/lifecycle/dry-run'), expect: adminOnly(200) },
  { name: 'GET /admin/lifecycle/audit', call: (w) => get(w, '/admin/lifecycle/audit'), expect: adminOnly(200) },
  { name: 'GET /admin/lifecycle/audit?format=csv', call: (w) => get(w, '/admin/lifecycle/audit?format=csv'), expect: adminOnly(200) },
  { name: 'GET /admin/lifecycle/policy', call: (w) => get(w, '/admin/lifecycle/policy'), expect: adminOnly(200) },
  { name: 'POST /admin/lifecycle/policy', call: (w) => post(w, '/admin/lifecycle/policy', { trashAfterDays: '730' }), expect: adminOnly(303) },
];

describe.each(routes)('$name', (route) => {
  it.each(everyone)('for %s', async (who) => {
    expect((await route.call(who)).status).toBe(route.expect[who]);
  });
});
