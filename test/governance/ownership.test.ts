// Ownership: co-editors edit the video (and its captions) but do not manage editors, transfer or trash it;
// the owner adds and removes staff as co-editors and transfers the video; an admin moves every video of
// a departed user in one step. Every change is audited.
import { isAllowed, type Actor } from '../../src/auth/permissions.js';
import { loadVideoAccess } from '../../src/videos/videos.service.js';
import { trashVideo } from '../../src/videos/videos.repo.js';
import { decodeHtml } from '../helpers/launch-as.js';
import { createVideo } from '../helpers/video-factory.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

let f: GovernanceFixture;
beforeAll(async () => {
  f = await createGovernanceFixture();
});
afterAll(() => f.close());

const db = () => f.ctx.deps.db;
const videoOf = async (ownerId: string, title = 'Lecture') => (await createVideo(db(), { ownerId, courseId: f.here, status: 'ready', title })).id;
const edit = (who: Parameters<GovernanceFixture['post']>[0], id: string) => f.post(who, `/videos/${id}/edit`, { title: 'Renamed', description: '', language: 'en' });
const ownerOf = async (id: string) => (await db().selectFrom('videos').select('owner_id').where('id', '=', id).executeTakeFirstOrThrow()).owner_id;
const auditOf = async (id: string) => db().selectFrom('audit_events').select(['action', 'actor_id', 'reason', 'details']).where('subject_id', '=', id).where('action', 'like', 'video.%').orderBy('id').execute();

it('a co-editor may edit, publish and caption the video, but not manage editors, transfer or trash it; others may not edit', async () => {
  const staff = await f.makeStaff({ name: 'Olli Omistaja' });
  const id = await videoOf(staff);
  expect((await edit('instructorHere', id)).status).toBe(403);
  expect((await f.post('admin', `/videos/${id}/editors`, { userId: f.ids.teacher })).status).toBe(303);

  expect((await edit('instructorHere', id)).status).toBe(303);
  const library = await f.get('instructorHere', `/courses/${f.here}/videos`);
  expect(library.text).toContain(`/videos/${id}/edit`);
  const teacher: Actor = { kind: 'user', userId: f.ids.teacher, isSiteAdmin: false, course: { courseId: f.here, role: 'creator' } };
  const { resource } = await loadVideoAccess(db(), teacher, id);
  expect(isAllowed(teacher, 'caption.edit', resource)).toBe(true);
  expect((await f.get('instructorHere', `/videos/${id}/ownership`)).status).toBe(200);
  expect((await f.post('instructorHere', `/videos/${id}/editors`, { userId: await f.makeStaff() })).status).toBe(403);
  expect((await f.post('instructorHere', `/videos/${id}/transfer`, { userId: f.ids.teacher })).status).toBe(403);
  expect((await f.post('instructorHere', `/videos/${id}/delete`)).status).toBe(403);
  expect((await f.post('instructorHere', `/videos/${id}/publish`)).status).toBe(303);

  for (const who of ['learnerHere', 'learnerElsewhere', 'instructorElsewhere'] as const) expect((await edit(who, id)).status).toBe(403);
  expect((await edit('anonymous', id)).status).toBe(401);
});

it('the owner adds and removes co-editors (staff only), and the page shows owner and co-editors', async () => {
  const id = await videoOf(f.ids.teacher);
  const colleague = await f.makeStaff({ name: 'Kaisa Kollega', email: 'kaisa.kollega@uni.test' });
  const search = decodeHtml((await f.get('instructorHere', `/videos/${id}/ownership?q=kollega`)).text);
  expect(search).toContain('Kaisa Kollega (kaisa.kollega@uni.test)');
  // Learners are not staff: they are neither offered nor accepted.
  expect(decodeHtml((await f.get('instructorHere', `/videos/${id}/ownership?q=student`)).text)).not.toContain('Sam Student');
  const refused = await f.post('instructorHere', `/videos/${id}/editors`, { userId: f.ids.learner }).set('Accept', 'application/json');
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe('not_staff');

  expect((await f.post('instructorHere', `/videos/${id}/editors`, { userId: colleague })).status).toBe(303);
  const page = decodeHtml((await f.get('instructorHere', `/videos/${id}/ownership`)).text);
  expect(page).toMatch(/data-testid="owner">Tuula Opettaja</);
  expect(page).toMatch(/data-testid="editors">\s*<li>Kaisa Kollega/);
  expect((await f.post('instructorHere', `/videos/${id}/editors/${colleague}/remove`)).status).toBe(303);
  expect((await f.post('instructorHere', `/videos/${id}/editors/${colleague}/remove`)).status).toBe(404);
  const audit = await auditOf(id);
  expect(audit.map((a) => [a.action, a.actor_id, a.details])).toEqual([
    ['video.editor-added', f.ids.teacher, { userId: colleague }],
    ['video.editor-removed', f.ids.teacher, { userId: colleague }],
  ]);
});

it('staff who only ever signed in directly (OIDC) are offered and accepted as co-editors', async () => {
  const id = await videoOf(f.ids.teacher);
  const user = await db().insertInto('users').values({ platform_id: null, sub: 'direct-only', name: 'Dora Suora', email: 'dora.suora@uni.test' }).returning('id').executeTakeFirstOrThrow();
  expect(decodeHtml((await f.get('instructorHere', `/videos/${id}/ownership?q=suora`)).text)).not.toContain('Dora Suora');
  await db().insertInto('user_identities').values({ issuer: 'https://idp.uni.test', sub: 'dora', user_id: user.id }).execute();
  expect(decodeHtml((await f.get('instructorHere', `/videos/${id}/ownership?q=suora`)).text)).toContain('Dora Suora (dora.suora@uni.test)');
  expect((await f.post('instructorHere', `/videos/${id}/editors`, { userId: user.id })).status).toBe(303);
});

it('the owner transfers the video: without keeping edit rights the old owner loses them, with them stays a co-editor', async () => {
  const receiver = await f.makeStaff({ name: 'Reija Vastaanottaja' });
  const a = await videoOf(f.ids.teacher);
  expect((await f.post('instructorHere', `/videos/${a}/transfer`, { userId: receiver })).status).toBe(303);
  expect(await ownerOf(a)).toBe(receiver);
  expect((await edit('instructorHere', a)).status).toBe(403);
  const b = await videoOf(f.ids.teacher);
  expect((await f.post('instructorHere', `/videos/${b}/transfer`, { userId: receiver, keepAsEditor: 'on' })).status).toBe(303);
  expect(await ownerOf(b)).toBe(receiver);
  expect((await edit('instructorHere', b)).status).toBe(303);
  const audit = await auditOf(a);
  expect(audit).toEqual([{ action: 'video.ownership-transferred', actor_id: f.ids.teacher, reason: '', details: { from: f.ids.teacher, to: receiver, keptAsEditor: false } }]);
});

it('an admin transfers every video of a departed user, trashed ones included, in one step', async () => {
  const departed = await f.makeStaff({ name: 'Lähtenyt Opettaja' });
  const successor = await f.makeStaff({ name: 'Seuraaja' });
  const ids = [await videoOf(departed, 'One'), await videoOf(departed, 'Two'), await videoOf(departed, 'Three')];
  await trashVideo(db(), ids[2]!, new Date());
  const other = await videoOf(f.ids.teacher, 'Not theirs');

  const notStaff = await f.post('admin', `/admin/users/${departed}/transfer-videos`, { toUserId: f.ids.learner, reason: 'Left' }).set('Accept', 'application/json');
  expect(notStaff.status).toBe(400);
  expect(await ownerOf(ids[0]!)).toBe(departed);

  const res = await f.post('admin', `/admin/users/${departed}/transfer-videos`, { toUserId: successor, reason: 'Retired in 2026' });
  expect(res.status).toBe(303);
  expect(res.headers.location).toContain(`/admin/privacy/users/${departed}?transferred=3`);
  for (const id of ids) expect(await ownerOf(id)).toBe(successor);
  expect(await ownerOf(other)).toBe(f.ids.teacher);
  for (const id of ids) expect(await auditOf(id)).toEqual([{ action: 'video.ownership-transferred', actor_id: f.ids.admin, reason: 'Retired in 2026', details: { from: departed, to: successor, bulk: true } }]);
  expect((await f.get('admin', `/admin/privacy/users/${departed}?transferred=3`)).text).toContain('3 videos were transferred.');
});
