// The rights-and-consent statement: shown on the upload page in the reader's language with its version,
// stored with the video (who, when, which version) and audited; an outdated version is refused; a video
// nobody confirmed the statement for cannot be published until its owner or a co-editor confirms it.
import { createVideo } from '../helpers/video-factory.js';
import { decodeHtml } from '../helpers/launch-as.js';
import { statementText } from '../../src/governance/attestation-checks.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

// The version migration 065 releases; an admin publishes later ones (attestation-admin.test.ts).
const ATTESTATION_VERSION = '2026-11-v1';
let f: GovernanceFixture;
beforeAll(async () => {
  f = await createGovernanceFixture();
});
afterAll(() => f.close());

const startUpload = (extra: Record<string, unknown>) =>
  f.users.clients.instructorHere
    .post(`/courses/${f.here}/videos`)
    .set('Accept', 'application/json')
    .send({ title: 'Lecture 1', language: 'fi', fileName: 'lecture.mp4', fileBytes: 1000, attestsRightsAndConsent: true, ...extra });
const countVideos = async () => Number((await f.ctx.deps.db.selectFrom('videos').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);

it('the upload page shows the current statement in the launch language (Finnish for the teacher), with its version', async () => {
  const page = await f.get('instructorHere', `/courses/${f.here}/videos/new`);
  expect(page.status).toBe(200);
  const html = decodeHtml(page.text);
  expect(html).toContain('Omistan tämän tallenteen tai minulla on oikeus käyttää sitä');
  expect(html).toContain(`name="attestationVersion" value="${ATTESTATION_VERSION}"`);
  const sv = await statementText(f.ctx.deps.videos.attestation, 'sv');
  expect(sv.version).toBe(ATTESTATION_VERSION);
  expect(sv.text).toMatch(/^Jag äger denna inspelning/);
});

it('stores who confirmed which version and when, and audits video.attested in the same transaction', async () => {
  const res = await startUpload({ attestationVersion: ATTESTATION_VERSION });
  expect(res.status).toBe(201);
  const att = await f.ctx.deps.db.selectFrom('video_attestations').selectAll().where('video_id', '=', res.body.videoId).executeTakeFirstOrThrow();
  expect({ user: att.user_id, version: att.statement_version }).toEqual({ user: f.ids.teacher, version: ATTESTATION_VERSION });
  expect(Math.abs(att.accepted_at.getTime() - Date.now())).toBeLessThan(60_000);
  const audit = await f.ctx.deps.db.selectFrom('audit_events').select(['actor_id', 'details']).where('action', '=', 'video.attested').where('subject_id', '=', res.body.videoId).execute();
  expect(audit).toEqual([{ actor_id: f.ids.teacher, details: { version: ATTESTATION_VERSION } }]);
});

it('refuses an upload confirming an outdated version (409), and one without the confirmation (400); nothing is created', async () => {
  const before = await countVideos();
  const stale = await startUpload({ attestationVersion: '2020-01-v0' });
  expect(stale.status).toBe(409);
  expect(stale.body.error.code).toBe('attestation_version_changed');
  expect(stale.body.error.message).toMatch(/reload the page, read it again and confirm it/);
  const unconfirmed = await startUpload({ attestsRightsAndConsent: false });
  expect(unconfirmed.status).toBe(400);
  expect(await countVideos()).toBe(before);
});

it('a video without an attestation cannot be published until someone who may edit it confirms the statement', async () => {
  const v = await createVideo(f.ctx.deps.db, { ownerId: f.ids.teacher, courseId: f.here, status: 'ready' });
  await f.ctx.deps.db.deleteFrom('video_attestations').where('video_id', '=', v.id).execute();
  const refused = await f.post('instructorHere', `/videos/${v.id}/publish`).set('Accept', 'application/json');
  expect(refused.status).toBe(409);
  expect(refused.body.error.code).toBe('attestation_missing');
  expect(refused.body.error.message).toMatch(/cannot be published: nobody has confirmed the rights and consent statement/);
  expect((await f.ctx.deps.db.selectFrom('videos').select('status').where('id', '=', v.id).executeTakeFirstOrThrow()).status).toBe('ready');
  // The admin's publish is refused too: the rule is not a permission.
  expect((await f.post('admin', `/videos/${v.id}/publish`)).status).toBe(409);

  const page = await f.get('instructorHere', `/videos/${v.id}/ownership`);
  expect(page.text).toContain('data-testid="no-attestation"');
  expect(decodeHtml(page.text)).toContain('Omistan tämän tallenteen');
  expect((await f.post('instructorHere', `/videos/${v.id}/attest`, { attestationVersion: ATTESTATION_VERSION })).status).toBe(400);
  expect((await f.post('instructorHere', `/videos/${v.id}/attest`, { attestsRightsAndConsent: 'on', attestationVersion: 'old' })).status).toBe(409);
  expect((await f.post('instructorHere', `/videos/${v.id}/attest`, { attestsRightsAndConsent: 'on', attestationVersion: ATTESTATION_VERSION })).status).toBe(303);
  expect((await f.get('instructorHere', `/videos/${v.id}/ownership`)).text).toContain('data-testid="attestations"');
  expect((await f.post('instructorHere', `/videos/${v.id}/publish`)).status).toBe(303);
  const audit = await f.ctx.deps.db.selectFrom('audit_events').select('action').where('subject_id', '=', v.id).orderBy('id').execute();
  expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(['video.attested', 'video.published']));
});

it('every released version has its text in Finnish, Swedish and English', async () => {
  const rows = await f.ctx.deps.db.selectFrom('attestation_statements').selectAll().execute();
  expect(rows.map((r) => r.version)).toContain(ATTESTATION_VERSION);
  for (const r of rows) for (const text of [r.text_fi, r.text_sv, r.text_en]) expect(text.length).toBeGreaterThan(40);
});
