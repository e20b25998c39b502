// Reports are limited to 5 an hour per person, counted in the database (so the limit holds across web
// processes, and under concurrent requests); a second open report of the same video and bad input are
// refused with a message a person understands, and nothing is written.
import { createVideo } from '../helpers/video-factory.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

let f: GovernanceFixture;
beforeAll(async () => {
  f = await createGovernanceFixture();
});
afterAll(() => f.close());

const video = async () => (await createVideo(f.ctx.deps.db, { ownerId: f.ids.teacher, courseId: f.here, status: 'published' })).id;
const reportsBy = async (userId: string) => Number((await f.ctx.deps.db.selectFrom('video_reports').select((eb) => eb.fn.countAll<string>().as('n')).where('reporter_id', '=', userId).executeTakeFirstOrThrow()).n);
const body = { category: 'spam', details: 'Advertises a course shop' };

it('accepts 5 reports an hour, then refuses with 429 and says when to try again', async () => {
  for (let i = 0; i < 5; i++) expect((await f.post('learnerHere', `/videos/${await video()}/report`, body)).status).toBe(303);
  const sixth = await f.post('learnerHere', `/videos/${await video()}/report`, body).set('Accept', 'text/html');
  expect(sixth.status).toBe(429);
  expect(sixth.text).toContain('report_rate_limited');
  expect(sixth.text).toContain('You have sent too many reports in a short time.');
  expect(sixth.text).toContain('at most 5 reports in 60 minutes');
  expect(await reportsBy(f.ids.learner)).toBe(5);
  // An hour later the window has moved on.
  await f.ctx.deps.db.updateTable('video_reports').set({ created_at: new Date(Date.now() - 3_700_000) }).where('reporter_id', '=', f.ids.learner).execute();
  expect((await f.post('learnerHere', `/videos/${await video()}/report`, body)).status).toBe(303);
});

it('holds under concurrent requests: of 8 reports sent at once, exactly 5 are accepted', async () => {
  const ids = await Promise.all(Array.from({ length: 8 }, () => video()));
  const results = await Promise.all(ids.map((id) => f.post('instructorHere', `/videos/${id}/report`, body).set('Accept', 'application/json')));
  const codes = results.map((r) => r.status).sort();
  expect(codes).toEqual([303, 303, 303, 303, 303, 429, 429, 429]);
  expect(await reportsBy(f.ids.teacher)).toBe(5);
  const refused = results.find((r) => r.status === 429);
  expect(refused?.body.error.code).toBe('report_rate_limited');
});

it('refuses a second open report of the same video, and bad input, writing nothing', async () => {
  const id = await video();
  expect((await f.post('admin', `/videos/${id}/report`, body)).status).toBe(303);
  const again = await f.post('admin', `/videos/${id}/report`, body).set('Accept', 'application/json');
  expect(again.status).toBe(409);
  expect(again.body.error.code).toBe('already_reported');
  const before = await reportsBy(f.ids.admin);
  const bad = await f.post('admin', `/videos/${await video()}/report`, { category: 'boring', details: '' }).set('Accept', 'application/json');
  expect(bad.status).toBe(400);
  expect(bad.body.error.message).toMatch(/category: choose what the problem is/);
  expect(bad.body.error.message).toMatch(/details: describe the problem/);
  expect(await reportsBy(f.ids.admin)).toBe(before);
  const audited = await f.ctx.deps.db.selectFrom('audit_events').select('details').where('action', '=', 'video.reported').where('subject_id', '=', id).execute();
  // The audit keeps the category, not the reporter's text.
  expect(audited).toEqual([{ details: { reportId: expect.any(String), category: 'spam' } }]);
});
