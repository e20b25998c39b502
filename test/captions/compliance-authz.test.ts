// Every route of caption compliance, text alternatives, exemptions and caption settings, for each of the
// six kinds of user: anonymous, learner here, learner in another course, instructor here (the videos'
// owner), the same instructor launched from another course, and a site admin.
import type request from 'supertest';
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
const video = async () => (await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: users.here, status: 'published' })).id;
const transcript = Buffer.from('Lecture transcript\nHello everyone.\n');
const withDocument = async () => {
  const id = await video();
  const res = await users.clients.admin.post(`/videos/${id}/captions/text-alternative`).attach('file', transcript, 'transcript.txt');
  if (res.status !== 303) throw new Error(`setup upload failed: ${res.status} ${res.text.slice(0, 300)}`);
  return id;
};
const exempt = async () => {
  const id = await video();
  await ctx.deps.db.insertInto('caption_exemptions').values({ video_id: id, reason: 'Presents the text printed on this page', granted_by: null }).execute();
  return id;
};

const m = statuses;
const adminOnly = (ok: number) => m(401, 403, 403, 403, 403, ok);
const teachersHere = (ok: number) => m(401, 403, 403, ok, 403, ok);
const routes: Array<{ name: string; call: (who: Who) => Promise<request.Response>; expect: Record<Who, number> }> = [
  { name: 'GET /courses/:id/captions/compliance', call: (w) => get(w, `/courses/${users.here}/captions/compliance`), expect: teachersHere(200) },
  { name: 'GET /courses/:id/captions/compliance.csv', call: (w) => get(w, `/courses/${users.here}/captions/compliance.csv`), expect: teachersHere(200) },
  { name: 'POST /courses/:id/captions/settings', call: (w) => post(w, `/courses/${users.here}/captions/settings`, { asr: 'follow' }), expect: teachersHere(303) },
  { name: 'GET /admin/captions/compliance', call: (w) => get(w, '/admin/captions/compliance'), expect: adminOnly(200) },
  { name: 'GET /admin/captions/compliance.csv', call: (w) => get(w, '/admin/captions/compliance.csv'), expect: adminOnly(200) },
  { name: 'GET /admin/captions/settings', call: (w) => get(w, '/admin/captions/settings'), expect: adminOnly(200) },
  { name: 'POST /admin/captions/settings', call: (w) => post(w, '/admin/captions/settings', { deadlineDays: '14', remindDaysBefore: '3', asrOnPublish: 'on' }), expect: adminOnly(303) },
  { name: 'GET /videos/:id/captions/text-alternative', call: async (w) => get(w, `/videos/${await video()}/captions/text-alternative`), expect: teachersHere(200) },
  {
    name: 'POST /videos/:id/captions/text-alternative',
    call: async (w) => {
      const path = `/videos/${await video()}/captions/text-alternative`;
      return requestAs(ctx, users, w).post(path).attach('file', transcript, 'transcript.txt');
    },
    expect: teachersHere(303),
  },
  { name: 'POST /videos/:id/captions/text-alternative/remove', call: async (w) => post(w, `/videos/${await withDocument()}/captions/text-alternative/remove`), expect: teachersHere(303) },
  // Anyone who may watch the video may read its transcript document.
  { name: 'GET /videos/:id/captions/text-alternative/download', call: async (w) => get(w, `/videos/${await withDocument()}/captions/text-alternative/download`), expect: m(401, 200, 403, 200, 403, 200) },
  // Exemptions: course managers and admins only; the demo LMS's teacher is a creator.
  { name: 'GET /videos/:id/captions/exemption', call: async (w) => get(w, `/videos/${await video()}/captions/exemption`), expect: adminOnly(200) },
  { name: 'POST /videos/:id/captions/exemption', call: async (w) => post(w, `/videos/${await video()}/captions/exemption`, { reason: 'The video presents the article text on this page' }), expect: adminOnly(303) },
  { name: 'POST /videos/:id/captions/exemption/revoke', call: async (w) => post(w, `/videos/${await exempt()}/captions/exemption/revoke`), expect: adminOnly(303) },
];

describe.each(routes)('$name', (route) => {
  it.each(everyone)('for %s', async (who) => {
    expect((await route.call(who)).status).toBe(route.expect[who]);
  });
});
