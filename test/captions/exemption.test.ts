// Exemptions: granted with a reason (10–2,000 characters) by a course manager or an admin, refused to
// the course's teachers; granting and revoking are each one audit event written with the change; an
// exempt video counts as satisfied in the report, and stops counting when the exemption is revoked.
import { sha256 } from '../../src/auth/hmac.js';
import type { Actor } from '../../src/auth/permissions.js';
import { grantExemption, revokeExemption } from '../../src/captions/exemption.service.js';
import { createLtiTestContext, type LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, type SixUsers } from '../helpers/six-users.js';
import { createVideo, userIdOfSession } from '../helpers/video-factory.js';

let ctx: LtiTestContext;
let users: SixUsers;
let teacherId: string;
let adminId: string;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  users = await launchSixUsers(ctx);
  teacherId = users.instructorHereId;
  adminId = await userIdOfSession(ctx.deps.db, sha256(users.clients.admin.sessionToken));
});
afterAll(() => ctx.close());

const video = async () => (await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: users.here, status: 'published' })).id;
const auditOf = (id: string) => ctx.deps.db.selectFrom('audit_events').select(['action', 'actor_id', 'reason', 'details']).where('subject_id', '=', id).orderBy('id').execute();
const reason = 'The video reads out the article printed above it on the course page';

test('an admin exempts a video with a reason; it is audited and counts as satisfied; revoking undoes both', async () => {
  const id = await video();
  const admin = users.clients.admin;
  const granted = await admin.post(`/videos/${id}/captions/exemption`).type('form').send({ reason });
  expect(granted.status).toBe(303);
  expect(await ctx.deps.db.selectFrom('caption_exemptions').select(['reason', 'granted_by']).where('video_id', '=', id).executeTakeFirst()).toEqual({ reason, granted_by: adminId });
  const page = await admin.get(`/videos/${id}/captions/exemption?granted=1`);
  expect(page.text).toContain(reason);
  const report = await admin.get(`/admin/captions/compliance?status=exempt`);
  expect(report.text).toContain(`data-video-id="${id}" data-status="exempt"`);

  const revoked = await admin.post(`/videos/${id}/captions/exemption/revoke`).type('form').send({});
  expect(revoked.status).toBe(303);
  expect(await ctx.deps.db.selectFrom('caption_exemptions').select('video_id').where('video_id', '=', id).execute()).toEqual([]);
  const events = await auditOf(id);
  expect(events.map((e) => [e.action, e.actor_id])).toEqual([
    ['caption.exempted', adminId],
    ['caption.exemption-revoked', adminId],
  ]);
  expect(events[0]!.reason).toBe(reason);
  expect(events[1]!.details).toMatchObject({ previousReason: reason });
  expect((await admin.get(`/admin/captions/compliance?status=none`)).text).toContain(`data-video-id="${id}" data-status="none"`);
  // Revoking again: nothing to revoke.
  expect((await admin.post(`/videos/${id}/captions/exemption/revoke`).type('form').send({})).status).toBe(404);
});

test.each([
  ['too short', 'short', /at least 10 characters/],
  ['too long', 'x'.repeat(2001), /at most 2,000 characters/],
  ['blank', '          ', /at least 10 characters/],
])('a reason that is %s is refused with a clear 400 and nothing is written', async (_name, text, message) => {
  const id = await video();
  const res = await users.clients.admin.post(`/videos/${id}/captions/exemption`).type('form').set('Accept', 'application/json').send({ reason: text });
  expect(res.status).toBe(400);
  expect(res.body.error.message).toMatch(message);
  expect(await ctx.deps.db.selectFrom('caption_exemptions').select('video_id').where('video_id', '=', id).execute()).toEqual([]);
  expect(await auditOf(id)).toEqual([]);
});

test('a course manager may exempt; a teacher (creator) of the course may not, even for their own video', async () => {
  const id = await video();
  const deps = { db: ctx.deps.db, now: () => new Date() };
  const as = (role: 'creator' | 'manager'): Actor => ({ kind: 'user', userId: teacherId, isSiteAdmin: false, course: { courseId: users.here, role } });
  await expect(grantExemption(deps, as('creator'), { videoId: id, reason })).rejects.toMatchObject({ status: 403 });
  await grantExemption(deps, as('manager'), { videoId: id, reason });
  await expect(revokeExemption(deps, as('creator'), { videoId: id })).rejects.toMatchObject({ status: 403 });
  await revokeExemption(deps, as('manager'), { videoId: id });
  expect((await auditOf(id)).map((e) => e.action)).toEqual(['caption.exempted', 'caption.exemption-revoked']);
});
