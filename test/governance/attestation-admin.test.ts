// /admin/attestation: the versions with their texts and video counts, a new version previewed (escaped)
// and published (audited), which new uploads confirm at once, in this process and, within the cache's
// few seconds, in another; invalid drafts come back with the texts kept; older attestations stay valid.
import { createCurrentAttestation } from '../../src/governance/attestation-current.js';
import { checkDraft } from '../../src/governance/attestation-admin.service.js';
import { decodeHtml, launchAs } from '../helpers/launch-as.js';
import { createVideo } from '../helpers/video-factory.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

const FIRST = '2026-11-v1';
let f: GovernanceFixture;
beforeAll(async () => {
  f = await createGovernanceFixture();
});
afterAll(() => f.close());

const texts = { textFi: 'Vakuutan oikeudet ja suostumukset.', textSv: 'Jag försäkrar rättigheter och samtycken.', textEn: 'I confirm the rights and the consents.' };
const startUpload = (attestationVersion: string) =>
  f.users.clients.instructorHere
    .post(`/courses/${f.here}/videos`)
    .set('Accept', 'application/json')
    .send({ title: 'Lecture', language: 'fi', fileName: 'lecture.mp4', fileBytes: 1000, attestsRightsAndConsent: true, attestationVersion });
const shownVersion = async () => /name="attestationVersion" value="([^"]+)"/.exec((await f.get('instructorHere', `/courses/${f.here}/videos/new`)).text)?.[1];

describe('checkDraft (pure)', () => {
  it.each([
    ['a complete draft', { version: '2027-01-v2', ...texts }, []],
    ['nothing at all', {}, ['version:required', 'textFi:required', 'textSv:required', 'textEn:required']],
    ['a name with spaces or slashes', { version: 'v 2/3', ...texts }, ['version:versionFormat']],
    ['a name of 41 characters', { version: 'v'.repeat(41), ...texts }, ['version:versionFormat']],
    ['a text of only spaces', { version: 'v2', ...texts, textSv: '   \n ' }, ['textSv:required']],
    ['a text over 4,000 characters', { version: 'v2', ...texts, textEn: 'x'.repeat(4001) }, ['textEn:tooLong']],
    ['4,000 characters exactly, some outside the BMP', { version: 'v2', ...texts, textEn: '😀'.repeat(4000) }, []],
    ['fields that are not strings', { version: ['v2'], textFi: { a: 1 }, textSv: 3, textEn: null }, ['version:required', 'textFi:required', 'textSv:required', 'textEn:required']],
  ])('%s', (_name, input, want) => {
    expect(checkDraft(input).errors.map((e) => `${e.field}:${e.code}`)).toEqual(want);
  });

  it('keeps what was typed, trimmed and with line breaks normalised', () => {
    expect(checkDraft({ version: ' v2 ', textFi: ' a\r\nb ', textSv: 'c', textEn: 'd' }).draft).toEqual({ version: 'v2', texts: { fi: 'a\nb', sv: 'c', en: 'd' } });
  });
});

it('lists every version with its three texts, marks the current one, and says older attestations stay valid', async () => {
  for (let i = 0; i < 2; i++) expect((await startUpload(FIRST)).status).toBe(201);
  const page = await f.get('admin', '/admin/attestation');
  expect(page.status).toBe(200);
  const html = decodeHtml(page.text);
  expect(html).toContain(`data-version="${FIRST}"`);
  expect(html).toMatch(new RegExp(`id="att-v-${FIRST}">${FIRST} <span class="badge" data-testid="current">`));
  expect(html).toContain('<dd class="video-count">2</dd>');
  for (const start of ['Omistan tämän tallenteen', 'Jag äger denna inspelning', 'I own this recording']) expect(html).toContain(start);
  expect(html).toContain('data-testid="older-valid"');
  // The form starts from the current texts and suggests a free version name.
  expect(html).toMatch(/<textarea id="att-text-fi"[^>]*>Omistan tämän tallenteen/);
  expect(html).toMatch(/name="version" value="\d{4}-\d{2}-v2"/);
});

it('previews a draft with its texts escaped and publishes nothing; an invalid draft comes back (400) with the texts kept', async () => {
  const draft = { version: '2027-01-v2', ...texts, textEn: 'I confirm <script>alert(1)</script> & consent.\nSecond line.' };
  const preview = await f.post('admin', '/admin/attestation/preview', draft);
  expect(preview.status).toBe(200);
  expect(preview.text).toContain('data-testid="preview"');
  expect(preview.text).toContain('I confirm &lt;script&gt;alert(1)&lt;/script&gt; &amp; consent.\nSecond line.');
  expect(preview.text).not.toContain('<script>alert(1)');
  expect(preview.text).toMatch(/<input type="hidden" name="textEn" value="I confirm &lt;script&gt;/);
  expect(await f.ctx.deps.db.selectFrom('attestation_statements').select('version').where('version', '=', '2027-01-v2').executeTakeFirst()).toBeUndefined();

  const bad = await f.post('admin', '/admin/attestation/preview', { version: FIRST, textFi: texts.textFi, textSv: '', textEn: 'Kept text' });
  expect(bad.status).toBe(400);
  const html = decodeHtml(bad.text);
  expect(html).toContain('data-testid="errors"');
  expect(html).toContain('Version name: a version with this name exists already; choose another name.');
  expect(html).toContain('Swedish text: write the text.');
  expect(html).toMatch(/<textarea id="att-text-en"[^>]*>Kept text<\/textarea>/);
  expect(html).toMatch(/<textarea id="att-text-sv"[^>]*aria-invalid="true"/);
  expect(bad.text).not.toContain('data-testid="preview"');
  // Publishing the same invalid draft directly is refused the same way; nothing is written or audited.
  expect((await f.post('admin', '/admin/attestation', { version: 'bad name!', ...texts })).status).toBe(400);
  expect(await f.ctx.deps.db.selectFrom('audit_events').select('id').where('action', '=', 'attestation.published').execute()).toEqual([]);
});

it('publishing makes the version current for new uploads at once, audited; older attestations stay valid', async () => {
  const otherProcess = createCurrentAttestation({ db: f.ctx.deps.db, cacheMs: 200 });
  expect((await otherProcess.current()).version).toBe(FIRST);
  const old = await createVideo(f.ctx.deps.db, { ownerId: f.ids.teacher, courseId: f.here, status: 'ready' });
  await f.ctx.deps.db.updateTable('video_attestations').set({ statement_version: FIRST }).where('video_id', '=', old.id).execute();
  expect(await shownVersion()).toBe(FIRST);

  const res = await f.post('admin', '/admin/attestation', { version: '2027-01-v2', ...texts });
  expect(res.status).toBe(303);
  expect(res.headers.location).toContain('/admin/attestation?published=2027-01-v2');
  const audit = await f.ctx.deps.db.selectFrom('audit_events').select(['actor_id', 'subject_kind', 'subject_id', 'details']).where('action', '=', 'attestation.published').execute();
  expect(audit).toEqual([{ actor_id: f.ids.admin, subject_kind: 'attestation', subject_id: '2027-01-v2', details: { previous: FIRST } }]);
  const page = await f.get('admin', '/admin/attestation?published=2027-01-v2');
  expect(page.text).toContain('data-testid="published"');
  expect(page.text).toMatch(/id="att-v-2027-01-v2">2027-01-v2 <span class="badge" data-testid="current">/);

  // This process at once: the upload page shows the new text and version; uploads confirming the old one are told to reload.
  expect(await shownVersion()).toBe('2027-01-v2');
  expect(decodeHtml((await f.get('instructorHere', `/courses/${f.here}/videos/new`)).text)).toContain(texts.textFi);
  expect((await startUpload(FIRST)).status).toBe(409);
  const uploaded = await startUpload('2027-01-v2');
  expect(uploaded.status).toBe(201);
  const att = await f.ctx.deps.db.selectFrom('video_attestations').select('statement_version').where('video_id', '=', uploaded.body.videoId).executeTakeFirstOrThrow();
  expect(att.statement_version).toBe('2027-01-v2');
  // Another web process follows within its cache's lifetime, without a restart.
  await new Promise((r) => setTimeout(r, 250));
  expect((await otherProcess.current()).version).toBe('2027-01-v2');

  // A video attested under the first version is still publishable; its page offers the new version, optionally.
  expect((await f.post('instructorHere', `/videos/${old.id}/publish`)).status).toBe(303);
  expect(decodeHtml((await f.get('instructorHere', `/videos/${old.id}/ownership`)).text)).toContain('Yllä oleva vahvistus pysyy voimassa');
  // The same name cannot be published twice: versions never change after release.
  expect((await f.post('admin', '/admin/attestation', { version: '2027-01-v2', ...texts, textEn: 'Changed' })).status).toBe(400);
  expect((await f.ctx.deps.db.selectFrom('attestation_statements').select('text_en').where('version', '=', '2027-01-v2').executeTakeFirstOrThrow()).text_en).toBe(texts.textEn);
});

it('a cookie session needs the page’s CSRF token to preview or publish', async () => {
  const admin = await launchAs(f.ctx, 'admin', { course: 'admin-course', cookies: true });
  expect(admin.hasCookie).toBe(true);
  const draft = { version: '2027-02-v3', ...texts };
  for (const path of ['/admin/attestation/preview', '/admin/attestation']) {
    const forged = await admin.post(path).type('form').set('Accept', 'application/json').send(draft);
    expect({ path, status: forged.status, code: forged.body.error?.code }).toEqual({ path, status: 403, code: 'csrf_failed' });
  }
  const page = await admin.get('/admin/attestation').set('Accept', 'text/html');
  const csrf = /name="_csrf" value="([^"]+)"/.exec(page.text)?.[1];
  const preview = await admin.post('/admin/attestation/preview').type('form').send({ ...draft, _csrf: csrf });
  expect(preview.status).toBe(200);
  // The preview's publish form carries the token too.
  const publishForm = /<form method="post" action="\/admin\/attestation">[\s\S]*?<\/form>/.exec(preview.text)?.[0] ?? '';
  expect(publishForm).toContain(`name="_csrf" value="${csrf}"`);
  expect((await admin.post('/admin/attestation').type('form').send({ ...draft, _csrf: csrf })).status).toBe(303);
});
