// Every route of attestation (and its admin page), ownership, moderation and privacy, for each of the six kinds of user:
// anonymous, learner here, learner in another course, instructor here (the owner of the videos), the same
// instructor launched from another course, and a site admin.
import type request from 'supertest';
import { createVideo } from '../helpers/video-factory.js';
import { everyone, statuses as m, type Who } from '../helpers/six-users.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

let f: GovernanceFixture;
beforeAll(async () => {
  f = await createGovernanceFixture();
});
afterAll(() => f.close());

const video = async () => (await createVideo(f.ctx.deps.db, { ownerId: f.ids.teacher, courseId: f.here, status: 'published' })).id;
const reported = async () => {
  const id = await video();
  await f.ctx.deps.db.insertInto('video_reports').values({ video_id: id, reporter_id: f.ids.learner, category: 'spam', details: 'Advertises a shop', resolved_at: null, resolved_by: null, resolution_reason: null }).execute();
  return id;
};
const hidden = async () => {
  const id = await video();
  await f.ctx.deps.db.insertInto('video_takedowns').values({ video_id: id, reason: 'Copyright claim', taken_down_by: f.ids.admin }).execute();
  return id;
};
const withEditor = async () => {
  const id = await video();
  const staff = await f.makeStaff();
  await f.ctx.deps.db.insertInto('video_editors').values({ video_id: id, user_id: staff, added_by: f.ids.teacher }).execute();
  return { id, staff };
};

/** A new statement version with a name of its own, so each call could publish. */
let drafts = 0;
const statementDraft = () => ({ version: `authz-${++drafts}`, textFi: 'Vakuutan.', textSv: 'Jag försäkrar.', textEn: 'I confirm.' });

const adminOnly = (ok: number) => m(401, 403, 403, 403, 403, ok);
const editors = (ok: number) => m(401, 403, 403, ok, 403, ok);
type Route = { name: string; call: (who: Who) => Promise<request.Response>; expect: Record<Who, number> };
const routes: Route[] = [
  { name: 'GET /videos/:id/report', call: async (w) => f.get(w, `/videos/${await video()}/report`), expect: m(401, 200, 403, 200, 403, 200) },
  { name: 'POST /videos/:id/report', call: async (w) => f.post(w, `/videos/${await video()}/report`, { category: 'spam', details: 'Advertising' }), expect: m(401, 303, 403, 303, 403, 303) },
  { name: 'GET /admin/moderation', call: (w) => f.get(w, '/admin/moderation'), expect: adminOnly(200) },
  { name: 'POST /admin/moderation/videos/:id/takedown', call: async (w) => f.post(w, `/admin/moderation/videos/${await reported()}/takedown`, { reason: 'Breaks the rules' }), expect: adminOnly(303) },
  { name: 'POST /admin/moderation/videos/:id/dismiss', call: async (w) => f.post(w, `/admin/moderation/videos/${await reported()}/dismiss`, { reason: 'Within the rules' }), expect: adminOnly(303) },
  { name: 'POST /admin/moderation/videos/:id/restore', call: async (w) => f.post(w, `/admin/moderation/videos/${await hidden()}/restore`, { reason: 'Claim withdrawn' }), expect: adminOnly(303) },
  { name: 'GET /videos/:id/ownership', call: async (w) => f.get(w, `/videos/${await video()}/ownership`), expect: editors(200) },
  { name: 'POST /videos/:id/editors', call: async (w) => f.post(w, `/videos/${await video()}/editors`, { userId: await f.makeStaff() }), expect: editors(303) },
  {
    name: 'POST /videos/:id/editors/:userId/remove',
    call: async (w) => {
      const { id, staff } = await withEditor();
      return f.post(w, `/videos/${id}/editors/${staff}/remove`);
    },
    expect: editors(303),
  },
  { name: 'POST /videos/:id/transfer', call: async (w) => f.post(w, `/videos/${await video()}/transfer`, { userId: await f.makeStaff() }), expect: editors(303) },
  { name: 'POST /videos/:id/attest', call: async (w) => f.post(w, `/videos/${await video()}/attest`, { attestsRightsAndConsent: 'on' }), expect: editors(303) },
  { name: 'POST /admin/users/:id/transfer-videos', call: async (w) => f.post(w, `/admin/users/${await f.makeStaff()}/transfer-videos`, { toUserId: await f.makeStaff(), reason: 'Left the university' }), expect: adminOnly(303) },
  { name: 'GET /admin/attestation', call: (w) => f.get(w, '/admin/attestation'), expect: adminOnly(200) },
  { name: 'POST /admin/attestation/preview', call: (w) => f.post(w, '/admin/attestation/preview', statementDraft()), expect: adminOnly(200) },
  { name: 'POST /admin/attestation', call: (w) => f.post(w, '/admin/attestation', statementDraft()), expect: adminOnly(303) },
  { name: 'GET /privacy', call: (w) => f.get(w, '/privacy'), expect: m(401, 200, 200, 200, 200, 200) },
  { name: 'GET /privacy/export', call: (w) => f.get(w, '/privacy/export'), expect: m(401, 200, 200, 200, 200, 200) },
  { name: 'GET /admin/privacy', call: (w) => f.get(w, '/admin/privacy?q=a'), expect: adminOnly(200) },
  { name: 'POST /admin/privacy/region', call: (w) => f.post(w, '/admin/privacy/region', { storageRegion: 'EU (Finland)' }), expect: adminOnly(303) },
  { name: 'GET /admin/privacy/users/:id', call: async (w) => f.get(w, `/admin/privacy/users/${await f.makeStaff()}?q=Staff`), expect: adminOnly(200) },
  { name: 'GET /admin/privacy/users/:id/export', call: async (w) => f.get(w, `/admin/privacy/users/${await f.makeStaff()}/export`), expect: adminOnly(200) },
  { name: 'POST /admin/privacy/users/:id/erase', call: async (w) => f.post(w, `/admin/privacy/users/${await f.makeStaff()}/erase`, { videos: 'trash', confirm: 'on' }), expect: adminOnly(303) },
];

describe.each(routes)('$name', (route) => {
  it.each(everyone)('for %s', async (who) => {
    const res = await route.call(who);
    expect({ status: res.status, body: res.status === route.expect[who] ? '' : res.text.slice(0, 300) }).toEqual({ status: route.expect[who], body: '' });
  });
});
