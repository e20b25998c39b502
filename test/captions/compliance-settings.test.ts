// The admin's caption settings: defaults, validation with clear messages, an audit event per change,
// and the values the deadline report and speech recognition (asr-policy.ts) then read.
import { loadAsrSitePolicy } from '../../src/captions/asr-policy.js';
import { loadCaptionSettings } from '../../src/captions/caption-settings.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';

let ctx: LtiTestContext;
let admin: LaunchedClient;

beforeAll(async () => {
  ctx = await createLtiTestContext();
  admin = await launchAs(ctx, 'admin', { cookies: false });
});
afterAll(() => ctx.close());

test('defaults: 14 days, reminded 3 days before, automatic captions on', async () => {
  expect(await loadCaptionSettings(ctx.deps.db)).toEqual({ deadlineDays: 14, remindDaysBefore: 3, asrOnPublish: true });
  const page = await admin.get('/admin/captions/settings');
  expect(page.status).toBe(200);
  expect(page.text).toMatch(/name="deadlineDays"[^>]*value="14"/);
  expect(page.text).toMatch(/id="cs-asr-on" name="asrOnPublish" value="on" checked/);
});

test('a change is saved, audited with before and after, and read by speech recognition', async () => {
  const res = await admin.post('/admin/captions/settings').type('form').send({ deadlineDays: '21', remindDaysBefore: '5', asrOnPublish: 'off' });
  expect(res.status).toBe(303);
  expect(await loadCaptionSettings(ctx.deps.db)).toEqual({ deadlineDays: 21, remindDaysBefore: 5, asrOnPublish: false });
  expect(await loadAsrSitePolicy(ctx.deps.db)).toEqual({ asrOnPublish: false });
  const event = await ctx.deps.db.selectFrom('audit_events').select(['action', 'subject_id', 'details']).where('action', '=', 'settings.changed').where('subject_id', '=', 'captions.policy').executeTakeFirstOrThrow();
  expect(event.details).toMatchObject({ before: { deadlineDays: 14 }, after: { deadlineDays: 21, remindDaysBefore: 5, asrOnPublish: false } });
  const report = await admin.get('/admin/captions/compliance');
  expect(report.text).toContain('21');
});

test.each([
  [{ deadlineDays: '0', remindDaysBefore: '0', asrOnPublish: 'on' }, /deadlineDays: the deadline must be at least 1 day/],
  [{ deadlineDays: '10', remindDaysBefore: '10', asrOnPublish: 'on' }, /remindDaysBefore: the reminder must come before the deadline/],
  [{ deadlineDays: 'soon', remindDaysBefore: '3', asrOnPublish: 'on' }, /deadlineDays/],
  [{ deadlineDays: '14', remindDaysBefore: '3', asrOnPublish: 'maybe' }, /asrOnPublish: choose on or off/],
])('refuses %o with a clear 400 and keeps the stored values', async (form, message) => {
  const before = await loadCaptionSettings(ctx.deps.db);
  const res = await admin.post('/admin/captions/settings').type('form').set('Accept', 'application/json').send(form);
  expect(res.status).toBe(400);
  expect(res.body.error.message).toMatch(message);
  expect(await loadCaptionSettings(ctx.deps.db)).toEqual(before);
});
