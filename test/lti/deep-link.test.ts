// Deep Linking through the demo LMS: the picker, the signed response the demo verifies against our
// JWKS, and later launches of the returned links (also in a copied course). Video data comes from a
// fake behind the VideoCatalog interface, until the videos feature provides the real one.
import request from 'supertest';
import type { CatalogVideo, VideoCatalog } from '../../src/courses/video-catalog.js';
import { createEmbedTokens, EMBED_CUSTOM_KEY } from '../../src/lti/embed-token.js';
import { answerDeepLink } from '../../src/lti/deep-link.js';
import { deriveKey } from '../../src/lti/secret-box.js';
import type { SessionLaunch } from '../../src/auth/sessions.js';
import { countIdentityRows } from '../helpers/factories.js';
import { createLtiTestContext, decodeHtml, formFields, launchAs, type LtiTestContext } from '../helpers/launch-as.js';

const videos: CatalogVideo[] = [
  { id: 'v-1', title: 'Lecture 1: Cells', ownerId: 'x', homeCourseId: 'x', isPublished: true },
  { id: 'v-2', title: 'Lecture 2: Membranes', ownerId: 'x', homeCourseId: 'x', isPublished: true },
  { id: 'v-3', title: 'Lecture 3: Energy', ownerId: 'x', homeCourseId: 'x', isPublished: false },
];
const catalog: VideoCatalog = {
  listCourseVideos: async () => videos.filter((v) => v.isPublished),
  listPickable: async () => videos,
  findVideo: async (id) => videos.find((v) => v.id === id),
};

let ctx: LtiTestContext;
beforeAll(async () => {
  ctx = await createLtiTestContext();
  ctx.rebuild((d) => ({ ...d, lti: { ...d.lti, videoCatalog: catalog } }));
});
afterAll(() => ctx.close());

async function pickAndReturn(opts: { cookies: boolean; pick: string[] }) {
  const teacher = await launchAs(ctx, 'teacher', { message: 'deeplink', cookies: opts.cookies });
  expect(teacher.landingPath).toMatch(/^\/lti\/deep-link/);
  expect(teacher.landing.status).toBe(200);
  const csrf = /name="_csrf" value="([^"]+)"/.exec(teacher.landing.text)?.[1];
  const body = new URLSearchParams(opts.pick.map((v) => ['video', v]));
  if (csrf) body.set('_csrf', csrf);
  const answer = await teacher.post('/lti/deep-link').type('form').send(body.toString());
  expect(answer.status).toBe(200);
  const { action, fields } = formFields(answer.text);
  expect(action).toBe('https://luento.test/demo/deep-link-return');
  const receipt = await request(ctx.app).post('/demo/deep-link-return').type('form').send({ JWT: fields.JWT });
  return { teacher, answer, receipt, jwt: fields.JWT ?? '' };
}

async function demoLinkIds(): Promise<number[]> {
  const row = await ctx.deps.db.selectFrom('app_settings').select('value').where('key', '=', 'demo_lms.links').executeTakeFirst();
  return ((row?.value ?? []) as Array<{ id: number }>).map((l) => l.id);
}

it('the picker lists the pickable videos, with checkboxes when the LMS accepts several', async () => {
  const teacher = await launchAs(ctx, 'teacher', { message: 'deeplink' });
  for (const v of videos) expect(teacher.landing.text).toContain(v.title);
  expect(teacher.landing.text).toContain('type="checkbox"');
});

it('returns several ltiResourceLink items that the demo LMS verifies against our JWKS, echoing data', async () => {
  const { receipt, jwt } = await pickAndReturn({ cookies: true, pick: ['v-1', 'v-2'] });
  expect(receipt.status).toBe(200);
  const jwks = (await request(ctx.app).get('/lti/jwks')).body as { keys: Array<{ kid: string }> };
  expect(receipt.text).toContain(`(key ${jwks.keys[0]?.kid})`);
  expect(receipt.text).toContain('Lecture 1: Cells');
  expect(receipt.text).toContain('Lecture 2: Membranes');
  expect(receipt.text).toMatch(/Echoed data: demo-dl-\d+/);
  const payload = JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
  const items = payload['https://purl.imsglobal.org/spec/lti-dl/claim/content_items'] as Array<{ type: string; url: string; custom: Record<string, string> }>;
  expect(items.map((i) => i.type)).toEqual(['ltiResourceLink', 'ltiResourceLink']);
  expect(items[0]?.url).toBe('https://luento.test/lti/embed');
  expect(items[0]?.custom[EMBED_CUSTOM_KEY]).toMatch(/^ey/);
});

it('works without cookies too (token-carrying session posts the picker form)', async () => {
  const { receipt } = await pickAndReturn({ cookies: false, pick: ['v-3'] });
  expect(receipt.status).toBe(200);
  expect(receipt.text).toContain('Lecture 3: Energy');
});

it('a later launch of a returned link shows that video, also in a copied course', async () => {
  await pickAndReturn({ cookies: true, pick: ['v-2'] });
  const linkId = (await demoLinkIds()).at(-1) as number;
  const student = await launchAs(ctx, 'student', { link: linkId });
  expect(student.landingPath).toMatch(/^\/courses\/\d+\/embed/);
  expect(student.landing.text).toContain('data-video-id="v-2"');
  expect(student.landing.text).toContain('Lecture 2: Membranes');
  const copy = await launchAs(ctx, 'student', { link: linkId, course: 'demo-course-101-copy', cookies: false });
  expect(copy.courseId).not.toBe(student.courseId);
  expect(copy.landing.text).toContain('data-video-id="v-2"');
});

it('refuses a tampered embed token and leaves nothing behind', async () => {
  await pickAndReturn({ cookies: true, pick: ['v-1'] });
  const row = await ctx.deps.db.selectFrom('app_settings').select('value').where('key', '=', 'demo_lms.links').executeTakeFirstOrThrow();
  const links = row.value as Array<{ id: number; custom: Record<string, string> }>;
  const last = links.at(-1) as { id: number; custom: Record<string, string> };
  const token = last.custom[EMBED_CUSTOM_KEY] as string;
  // Point the token at another video without re-signing it.
  const [h, , s] = token.split('.');
  last.custom[EMBED_CUSTOM_KEY] = `${h}.${Buffer.from(JSON.stringify({ vid: 'v-3', iss: 'https://luento.test', aud: 'luento:embed' })).toString('base64url')}.${s}`;
  await ctx.deps.db.updateTable('app_settings').set({ value: JSON.stringify(links) }).where('key', '=', 'demo_lms.links').execute();
  const before = await countIdentityRows(ctx.deps.db);
  await expect(launchAs(ctx, 'student2', { link: last.id, course: 'fresh-course-tamper' })).rejects.toThrow(/launch: expected 303, got 403 embed_token_invalid: The video link token is not valid/);
  expect(await countIdentityRows(ctx.deps.db)).toEqual(before);
});

it('refuses a video link that carries no embed token', async () => {
  const links = (await ctx.deps.db.selectFrom('app_settings').select('value').where('key', '=', 'demo_lms.links').executeTakeFirstOrThrow()).value as Array<{ id: number; title: string; url: string; custom: Record<string, string> }>;
  links.push({ id: 999, title: 'stripped', url: 'https://luento.test/lti/embed', custom: {} });
  await ctx.deps.db.updateTable('app_settings').set({ value: JSON.stringify(links) }).where('key', '=', 'demo_lms.links').execute();
  const before = await countIdentityRows(ctx.deps.db);
  await expect(launchAs(ctx, 'student2', { link: 999, course: 'fresh-course-missing' })).rejects.toThrow(/got 403 embed_token_invalid: This link opens a video but carries no luento_embed/);
  expect(await countIdentityRows(ctx.deps.db)).toEqual(before);
});

it('a learner cannot open the picker, and nobody can pick a video they may not embed', async () => {
  const learner = await launchAs(ctx, 'student', { message: 'deeplink' });
  expect(learner.landing.status).toBe(403);
  const teacher = await launchAs(ctx, 'teacher', { message: 'deeplink', cookies: false });
  const res = await teacher.post('/lti/deep-link').type('form').send('video=not-mine');
  expect(res.status).toBe(403);
});

it('a cookie session must send the CSRF token with the picker form', async () => {
  const teacher = await launchAs(ctx, 'teacher', { message: 'deeplink' });
  expect((await teacher.post('/lti/deep-link').type('form').send('video=v-1')).status).toBe(403);
});

it('the picker is an honest empty state when there are no videos', async () => {
  ctx.rebuild((d) => d);
  try {
    const teacher = await launchAs(ctx, 'teacher', { message: 'deeplink' });
    // The teacher's launch locale is Finnish.
    expect(decodeHtml(teacher.landing.text)).toContain('Lisättäviä videoita ei vielä ole');
    expect(teacher.landing.text).not.toContain('type="checkbox"');
  } finally {
    ctx.rebuild((d) => ({ ...d, lti: { ...d.lti, videoCatalog: catalog } }));
  }
});

describe('answerDeepLink rules', () => {
  const launch: SessionLaunch = {
    platformId: '1', issuer: 'https://lms.test', clientId: 'c', deploymentId: 'd', contextId: 'x', messageType: 'LtiDeepLinkingRequest', role: 'creator', isSiteAdmin: false,
    services: {}, deepLink: { returnUrl: 'https://lms.test/dl', acceptTypes: ['ltiResourceLink'], acceptMultiple: false },
  };
  const actor = { kind: 'user', userId: 'u', isSiteAdmin: false, course: { courseId: '7', role: 'creator' } } as const;
  const deps = () => ({ catalog, embedTokens: ctx.deps.lti.embedTokens, publicUrl: 'https://luento.test', signingKey: ctx.deps.lti.toolKeys.signingKey, now: new Date() });
  it('refuses several items when accept_multiple is false', async () => {
    await expect(answerDeepLink(deps(), actor, { courseId: '7', launch, videoIds: ['v-1', 'v-2'] })).rejects.toThrow(/accepts only one item/);
  });
  it('refuses when the LMS does not accept resource links', async () => {
    await expect(answerDeepLink(deps(), actor, { courseId: '7', launch: { ...launch, deepLink: { ...launch.deepLink!, acceptTypes: ['file'] } }, videoIds: ['v-1'] })).rejects.toThrow(/does not accept LTI resource links/);
  });
  it('omits data when the platform sent none, and signs with the current tool key', async () => {
    const a = await answerDeepLink(deps(), actor, { courseId: '7', launch, videoIds: ['v-1'] });
    const header = JSON.parse(Buffer.from(a.jwt.split('.')[0] ?? '', 'base64url').toString()) as { kid: string; alg: string };
    expect(header).toMatchObject({ alg: 'RS256', kid: (await ctx.deps.lti.toolKeys.signingKey()).kid });
    const payload = JSON.parse(Buffer.from(a.jwt.split('.')[1] ?? '', 'base64url').toString()) as Record<string, unknown>;
    expect(payload).not.toHaveProperty(['https://purl.imsglobal.org/spec/lti-dl/claim/data']);
    expect(payload).toMatchObject({ iss: 'c', aud: 'https://lms.test', 'https://purl.imsglobal.org/spec/lti/claim/deployment_id': 'd' });
  });
});

describe('embed tokens', () => {
  const tokens = createEmbedTokens({ key: deriveKey('a-secret-that-is-long-enough-0123456789', 'lti-embed'), issuer: 'https://luento.test' });
  it('round-trips a video id', async () => {
    expect(await tokens.verify(await tokens.sign('v-42'))).toEqual({ videoId: 'v-42' });
  });
  it.each([
    ['missing', async () => undefined],
    ['garbage', async () => 'not-a-token'],
    ['signed with another secret', async () => createEmbedTokens({ key: deriveKey('another-secret-long-enough-0123456789', 'lti-embed'), issuer: 'https://luento.test' }).sign('v-1')],
    ['from another Luento', async () => createEmbedTokens({ key: deriveKey('a-secret-that-is-long-enough-0123456789', 'lti-embed'), issuer: 'https://other.test' }).sign('v-1')],
    ['payload swapped', async () => {
      const [h, , s] = (await tokens.sign('v-1')).split('.');
      return `${h}.${Buffer.from('{"vid":"v-2","iss":"https://luento.test","aud":"luento:embed"}').toString('base64url')}.${s}`;
    }],
  ])('refuses a token that is %s', async (_n, make) => {
    await expect(tokens.verify(await make())).rejects.toMatchObject({ reason: 'embed_token_invalid' });
  });
});
