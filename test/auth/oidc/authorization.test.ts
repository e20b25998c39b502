// The new routes for the six kinds of user, plus the two kinds a direct sign-in adds: a staff member who
// owns the video (the demo teacher, linked to her LMS account by e-mail) and one who does not.
import type request from 'supertest';
import superRequest from 'supertest';
import { createLtiTestContext, type LtiTestContext } from '../../helpers/launch-as.js';
import { startTestIdp, type TestIdp } from '../../helpers/oidc-idp.js';
import { everyone, launchSixUsers, requestAs, statuses, type SixUsers, type Who } from '../../helpers/six-users.js';
import { createVideo } from '../../helpers/video-factory.js';
import { oidcEnv, REDIRECT_URI, signInDirectly, type DirectClient } from './oidc-fixtures.js';

type Direct = 'directOwner' | 'directOther';
type Kind = Who | Direct;

let idp: TestIdp;
let ctx: LtiTestContext;
let users: SixUsers;
const direct = {} as Record<Direct, DirectClient>;
const csrf = {} as Record<Direct, string>;

beforeAll(async () => {
  idp = await startTestIdp({ redirectUri: REDIRECT_URI });
  ctx = await createLtiTestContext({ env: oidcEnv(idp.issuer) });
  users = await launchSixUsers(ctx);
  direct.directOwner = (await signInDirectly(ctx.app, 'teacher')).client;
  direct.directOther = (await signInDirectly(ctx.app, 'newStaff')).client;
  for (const d of ['directOwner', 'directOther'] as const) csrf[d] = await direct[d].csrf();
});
afterAll(async () => {
  await ctx.close();
  await idp.close();
});

const video = async (status: 'ready' | 'published' = 'published') => (await createVideo(ctx.deps.db, { ownerId: users.instructorHereId, courseId: users.here, status })).id;

function get(who: Kind, path: string): request.Test {
  if (who === 'directOwner' || who === 'directOther') return direct[who].get(path);
  return requestAs(ctx, users, who).get(path).set('Accept', 'text/html');
}
function post(who: Kind, path: string): request.Test {
  if (who === 'directOwner' || who === 'directOther') return direct[who].post(path).type('form').send({ _csrf: csrf[who] });
  return requestAs(ctx, users, who).post(path).type('form').send({});
}

const m = (six: Record<Who, number>, directOwner: number, directOther: number): Record<Kind, number> => ({ ...six, directOwner, directOther });
const kinds: Kind[] = [...everyone, 'directOwner', 'directOther'];

const routes: Array<{ name: string; call: (who: Kind) => Promise<request.Response>; expect: Record<Kind, number> }> = [
  { name: 'GET /signin (public)', call: async (w) => get(w, '/signin'), expect: m(statuses(200, 200, 200, 200, 200, 200), 200, 200) },
  { name: 'GET /auth/oidc/login (to the IdP)', call: async (w) => get(w, '/auth/oidc/login'), expect: m(statuses(302, 302, 302, 302, 302, 302), 302, 302) },
  { name: 'GET /auth/oidc/callback without a sign-in in progress', call: async (w) => get(w, '/auth/oidc/callback?code=x&state=y'), expect: m(statuses(400, 400, 400, 400, 400, 400), 400, 400) },
  // Everyone signed in has a list (learners an empty one); only the anonymous are asked to sign in.
  { name: 'GET /me/videos', call: async (w) => get(w, '/me/videos'), expect: m(statuses(401, 200, 200, 200, 200, 200), 200, 200) },
  // The instructor launched elsewhere is the owner, but LTI rules judge him in that other course.
  { name: 'POST /me/videos/:id/publish', call: async (w) => post(w, `/me/videos/${await video('ready')}/publish`), expect: m(statuses(401, 403, 403, 303, 403, 303), 303, 403) },
  { name: 'POST /me/videos/:id/unpublish', call: async (w) => post(w, `/me/videos/${await video()}/unpublish`), expect: m(statuses(401, 403, 403, 303, 403, 303), 303, 403) },
  // The existing video pages that My recordings links to, for the two direct kinds (LTI kinds: their own suites).
  { name: 'GET /videos/:id/edit', call: async (w) => get(w, `/videos/${await video()}/edit`), expect: m(statuses(401, 403, 403, 200, 403, 200), 200, 403) },
  { name: 'POST /videos/:id/edit', call: async (w) => post(w, `/videos/${await video()}/edit`).send({ title: 'Renamed', language: 'fi' }), expect: m(statuses(401, 403, 403, 303, 403, 303), 303, 403) },
  { name: 'GET /videos/:id/captions', call: async (w) => get(w, `/videos/${await video()}/captions`), expect: m(statuses(401, 200, 403, 200, 403, 200), 200, 403) },
  { name: 'GET /videos/:id/extension', call: async (w) => get(w, `/videos/${await video()}/extension`), expect: m(statuses(401, 403, 403, 200, 403, 403), 200, 403) },
  { name: 'GET /videos/:id/ownership', call: async (w) => get(w, `/videos/${await video()}/ownership`), expect: m(statuses(401, 403, 403, 200, 403, 200), 200, 403) },
  { name: 'GET /videos/:id/watch', call: async (w) => get(w, `/videos/${await video()}/watch`), expect: m(statuses(401, 200, 403, 200, 403, 200), 200, 403) },
  { name: 'GET /videos/:id/watch (not published yet)', call: async (w) => get(w, `/videos/${await video('ready')}/watch`), expect: m(statuses(401, 403, 403, 200, 403, 200), 200, 403) },
  // Nothing course-wide for a direct sign-in: no course page, no upload.
  { name: 'GET /courses/:id', call: async (w) => get(w, `/courses/${users.here}`), expect: m(statuses(401, 200, 403, 200, 403, 200), 403, 403) },
  { name: 'GET /courses/:id/videos/new', call: async (w) => get(w, `/courses/${users.here}/videos/new`), expect: m(statuses(401, 403, 403, 200, 403, 200), 403, 403) },
];

describe.each(routes)('$name', (route) => {
  it.each(kinds)('for %s', async (who) => {
    const res = await route.call(who);
    expect(res.status).toBe(route.expect[who]);
  });
});

it('My recordings lists exactly the person’s own and co-edited videos, marked which', async () => {
  const own = await createVideo(ctx.deps.db, { ownerId: users.instructorHereId, courseId: users.here, status: 'ready', title: 'Owned by the teacher' });
  const otherOwner = (await ctx.deps.db.selectFrom('user_identities').select('user_id').where('sub', '=', 'idp-niklas').executeTakeFirstOrThrow()).user_id;
  const coEdited = await createVideo(ctx.deps.db, { ownerId: otherOwner, courseId: users.here, status: 'published', title: 'Co-edited by the teacher' });
  await ctx.deps.db.insertInto('video_editors').values({ video_id: coEdited.id, user_id: users.instructorHereId, added_by: otherOwner }).execute();
  const page = (await direct.directOwner.get('/me/videos')).text;
  const row = (id: string) => new RegExp(`<tr data-video-id="${id}">([\\s\\S]*?)</tr>`).exec(page)?.[1] ?? '';
  expect(row(own.id)).toContain('Omistaja');
  expect(row(coEdited.id)).toContain('Muokkaaja');
  // Co-editors manage captions and publication, not the retention extension (the owner's).
  expect(row(coEdited.id)).not.toContain('/extension');
  const others = (await direct.directOther.get('/me/videos')).text;
  expect(others).toContain('Co-edited by the teacher');
  expect(others).not.toContain('Owned by the teacher');
});

it('My recordings pages by 50, newest first, and a learner who owns nothing sees the empty state', async () => {
  const owner = (await ctx.deps.db.selectFrom('user_identities').select('user_id').where('sub', '=', 'idp-niklas').executeTakeFirstOrThrow()).user_id;
  for (let i = 0; i < 52; i++) await createVideo(ctx.deps.db, { ownerId: owner, courseId: users.here, status: 'ready', title: `Paged ${String(i).padStart(2, '0')}` });
  const first = (await direct.directOther.get('/me/videos')).text;
  const next = /href="(\/me\/videos\?after=[^"]+)" rel="next"/.exec(first)?.[1];
  expect(next).toBeDefined();
  expect((first.match(/<tr data-video-id=/g) ?? []).length).toBe(50);
  expect(first).toContain('Paged 51');
  const second = await direct.directOther.get(next!.replace(/&amp;/g, '&'));
  expect(second.status).toBe(200);
  const seen = [...first.matchAll(/data-video-id="([^"]+)"/g), ...second.text.matchAll(/data-video-id="([^"]+)"/g)].map((x) => x[1]);
  expect(new Set(seen).size).toBe(seen.length);
  expect(second.text).toContain('Paged 00');
  expect((await direct.directOther.get('/me/videos?after=nonsense')).status).toBe(400);
  const learner = await requestAs(ctx, users, 'learnerHere').get('/me/videos').set('Accept', 'text/html');
  expect(learner.text).toContain('class="empty-state"');
});

it('the layout links to My recordings for people who own videos and for direct sign-ins, not for learners', async () => {
  const course = `/courses/${users.here}`;
  expect((await requestAs(ctx, users, 'instructorHere').get(course).set('Accept', 'text/html')).text).toContain('/me/videos');
  expect((await requestAs(ctx, users, 'learnerHere').get(course).set('Accept', 'text/html')).text).not.toContain('/me/videos');
  expect((await direct.directOther.get('/signin')).status).toBe(200);
  const page = await direct.directOther.get('/me/videos');
  expect(page.text).toMatch(/<nav class="site-nav"[\s\S]*href="\/me\/videos"[\s\S]*action="\/auth\/signout"/);
  // JSON requests skip the link's query entirely.
  expect((await superRequest(ctx.app).get('/healthz')).status).toBe(200);
});
