import type { VideoCatalog } from '../../src/courses/video-catalog.js';
import { createLtiTestContext, launchAs, type LtiTestContext } from '../helpers/launch-as.js';

const catalog: VideoCatalog = {
  listCourseVideos: async (_courseId, { includeUnpublished }) =>
    [
      { id: 'p', title: 'Published lecture', ownerId: 'x', homeCourseId: 'x', isPublished: true },
      { id: 'd', title: 'Draft lecture', ownerId: 'x', homeCourseId: 'x', isPublished: false },
    ].filter((v) => includeUnpublished || v.isPublished),
  listPickable: async () => [],
  findVideo: async () => undefined,
};

let ctx: LtiTestContext;
beforeAll(async () => {
  ctx = await createLtiTestContext();
  ctx.rebuild((d) => ({ ...d, lti: { ...d.lti, videoCatalog: catalog } }));
});
afterAll(() => ctx.close());

it('learners see published videos only', async () => {
  const c = await launchAs(ctx, 'student');
  expect(c.landing.text).toContain('Published lecture');
  expect(c.landing.text).not.toContain('Draft lecture');
  expect(c.landing.text).toContain('Signed in as Sam Student, viewer');
});

it('creators also see drafts, marked as not published, and management links', async () => {
  const c = await launchAs(ctx, 'teacher');
  expect(c.landing.text).toContain('Draft lecture');
  expect(c.landing.text).toContain('(ei julkaistu)');
  expect(c.landing.text).toContain('Lisää video');
});

it('site admins get a link to the administration', async () => {
  const c = await launchAs(ctx, 'admin');
  expect(c.landing.text).toContain('href="/admin"');
  expect((await c.get('/admin')).status).toBe(200);
});

it('an embed launch session says the video is not available when the catalog does not know it', async () => {
  const token = await ctx.deps.lti.embedTokens.sign('unknown-video');
  const links = [{ id: 1, title: 'x', url: 'https://luento.test/lti/embed', custom: { luento_embed: token } }];
  await ctx.deps.db.insertInto('app_settings').values({ key: 'demo_lms.links', value: JSON.stringify(links) }).execute();
  const c = await launchAs(ctx, 'student', { link: 1 });
  expect(c.landing.status).toBe(200);
  expect(c.landing.text).toContain('data-video-id="unknown-video"');
  expect(c.landing.text).toContain('This video is not available');
});

it('a session expires after its idle period', async () => {
  const c = await launchAs(ctx, 'student', { cookies: false });
  await ctx.deps.db.updateTable('sessions').set({ expires_at: new Date(Date.now() - 1000) }).execute();
  expect((await c.get(`/courses/${c.courseId}`)).status).toBe(401);
});
