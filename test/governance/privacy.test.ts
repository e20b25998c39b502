// GDPR: a person's export holds exactly their data (and nobody else's), with links to the videos; an
// admin's erasure leaves nothing in any table that identifies the person (every text and JSON column of
// every table is searched for the old name, e-mail and LMS id); the storage region is an admin setting.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createVideo } from '../helpers/video-factory.js';
import { createGovernanceFixture, type GovernanceFixture } from './governance-fixtures.js';

let f: GovernanceFixture;
beforeAll(async () => {
  f = await createGovernanceFixture();
});
afterAll(() => f.close());

const db = () => f.ctx.deps.db;
const addView = (videoId: string, userId: string) => db().insertInto('views').values({ id: randomUUID(), video_id: videoId, user_id: userId, course_id: f.here, watched_seconds: 42 }).execute();
const addReport = (videoId: string, userId: string, details: string) =>
  db().insertInto('video_reports').values({ video_id: videoId, reporter_id: userId, category: 'other', details, resolved_at: null, resolved_by: null, resolution_reason: null }).execute();

/** Every text and JSON column of every table, in every schema of ours (pg-boss too), that contains the needle. */
async function placesMentioning(needle: string): Promise<string[]> {
  const columns = await sql<{ s: string; t: string; c: string }>`
    SELECT c.table_schema AS s, c.table_name AS t, c.column_name AS c FROM information_schema.columns c
    JOIN information_schema.tables tb ON tb.table_schema = c.table_schema AND tb.table_name = c.table_name AND tb.table_type = 'BASE TABLE'
    WHERE c.table_schema NOT IN ('pg_catalog', 'information_schema') AND c.data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')`.execute(db());
  const found: string[] = [];
  for (const { s, t, c } of columns.rows) {
    const hit = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(`${s}.${t}`)} WHERE strpos(lower(${sql.ref(c)}::text), ${needle.toLowerCase()}) > 0`.execute(db());
    if (Number(hit.rows[0]?.n) > 0) found.push(`${s}.${t}.${c}`);
  }
  return found;
}

it('the export holds exactly the person’s data, with links to the media pages, and nobody else’s', async () => {
  const own = await createVideo(db(), { ownerId: f.ids.teacher, courseId: f.here, status: 'published', title: 'Teacher video' });
  await addView(own.id, f.ids.learner);
  await addView(own.id, f.ids.learner2);
  await addReport(own.id, f.ids.learner, 'Learner one report text');
  await addReport(own.id, f.ids.learner2, 'Saga private report text');
  await db().insertInto('terms_versions').values({ version: 1, body_fi: 'Ehdot', body_sv: 'Villkor', body_en: 'Terms', requires_acceptance: false }).execute();
  await db().insertInto('terms_acceptances').values([{ user_id: f.ids.learner, version: 1 }, { user_id: f.ids.learner2, version: 1 }]).execute();

  const res = await f.get('learnerHere', '/privacy/export');
  expect(res.status).toBe(200);
  expect(res.headers['content-disposition']).toBe(`attachment; filename=luento-data-${f.ids.learner}.json`);
  const data = JSON.parse(res.text);
  expect(data.profile).toMatchObject({ id: f.ids.learner, name: 'Sam Student', email: 'sam.student@demo.invalid', lmsUserId: 'demo-student-1' });
  expect(data.views).toEqual([expect.objectContaining({ videoId: own.id, videoTitle: 'Teacher video', watchedSeconds: 42, watchUrl: `https://luento.test/videos/${own.id}/watch` })]);
  expect(data.reports).toEqual([expect.objectContaining({ videoId: own.id, details: 'Learner one report text', status: 'open' })]);
  expect(data.termsAcceptances).toEqual([{ version: 1, acceptedAt: expect.any(String) }]);
  expect(data.ownedVideos).toEqual([]);
  expect(data.courses).toEqual([expect.objectContaining({ courseId: f.here, role: 'viewer' })]);
  for (const other of ['Saga', 'saga.studerande', 'demo-student-2', 'Saga private report text', 'Tuula', 'tuula.opettaja', 'demo-teacher', 'Aino']) expect(res.text).not.toContain(other);

  const teacher = JSON.parse((await f.get('instructorHere', '/privacy/export')).text);
  expect(teacher.ownedVideos).toEqual([expect.objectContaining({ id: own.id, title: 'Teacher video', watchUrl: `https://luento.test/videos/${own.id}/watch` })]);
  expect(teacher.attestations).toEqual([expect.objectContaining({ videoId: own.id })]);
  const audited = await db().selectFrom('audit_events').select(['actor_id', 'subject_id']).where('action', '=', 'user.exported').execute();
  expect(audited).toEqual(expect.arrayContaining([{ actor_id: f.ids.learner, subject_id: f.ids.learner }]));
});

it('the storage region is an admin setting, shown on the admin page, to users and in the export', async () => {
  expect((await f.post('admin', '/admin/privacy/region', { storageRegion: 'EU (Finland, Espoo)' })).status).toBe(303);
  expect((await f.get('admin', '/admin')).text).toMatch(/data-testid="storage-region">EU \(Finland, Espoo\)</);
  expect((await f.get('admin', '/admin/privacy')).text).toContain('value="EU (Finland, Espoo)"');
  expect((await f.get('learnerHere', '/privacy')).text).toMatch(/data-testid="storage-region">EU \(Finland, Espoo\)</);
  expect(JSON.parse((await f.get('learnerHere', '/privacy/export')).text).storageRegion).toBe('EU (Finland, Espoo)');
  const audit = await db().selectFrom('audit_events').select('details').where('action', '=', 'settings.changed').where('subject_id', '=', 'privacy').executeTakeFirstOrThrow();
  expect(audit.details).toEqual({ storageRegion: { from: '', to: 'EU (Finland, Espoo)' } });
});

it('erasure transfers the videos, anonymises views and reports, and leaves nothing that identifies the person', async () => {
  const successor = await f.makeStaff({ name: 'Seppo Seuraaja' });
  const owned = await createVideo(db(), { ownerId: f.ids.teacher, courseId: f.here, status: 'published', title: 'To be transferred' });
  const others = await createVideo(db(), { ownerId: successor, courseId: f.here, status: 'published', title: 'Co-edited' });
  await db().insertInto('video_editors').values({ video_id: others.id, user_id: f.ids.teacher, added_by: successor }).execute();
  await addView(others.id, f.ids.teacher);
  expect((await f.post('instructorHere', `/videos/${others.id}/report`, { category: 'other', details: 'Reported by Tuula Opettaja herself' })).status).toBe(303);
  await db().insertInto('lifecycle_notices').values({ message_id: `<t.${randomUUID()}@luento>`, video_id: owned.id, to_user_id: f.ids.teacher, to_address: 'tuula.opettaja@demo.invalid', subject: 'Warning', body: 'Hello', created_at: new Date(), sent_at: null, last_error: null }).execute();
  expect(await placesMentioning('tuula.opettaja@demo.invalid')).not.toEqual([]);

  const erase = await f.post('admin', `/admin/privacy/users/${f.ids.teacher}/erase`, { videos: 'transfer', toUserId: successor, confirm: 'on' });
  expect(erase.status).toBe(303);

  for (const needle of ['Tuula Opettaja', 'tuula.opettaja@demo.invalid', 'demo-teacher']) expect({ needle, places: await placesMentioning(needle) }).toEqual({ needle, places: [] });
  const user = await db().selectFrom('users').select(['name', 'email', 'sub', 'locale']).where('id', '=', f.ids.teacher).executeTakeFirstOrThrow();
  expect(user).toEqual({ name: '', email: null, sub: `erased:${f.ids.teacher}`, locale: null });
  // Both of the teacher's videos (this one and the one of the export test) went to the successor.
  expect((await db().selectFrom('videos').select('owner_id').where('id', '=', owned.id).executeTakeFirstOrThrow()).owner_id).toBe(successor);
  expect(await db().selectFrom('videos').select('id').where('owner_id', '=', f.ids.teacher).execute()).toEqual([]);
  expect(await db().selectFrom('views').select('id').where('user_id', '=', f.ids.teacher).execute()).toEqual([]);
  expect(await db().selectFrom('video_reports').select('id').where('reporter_id', '=', f.ids.teacher).execute()).toEqual([]);
  // The session ended with the erasure.
  expect((await f.get('instructorHere', '/privacy')).status).toBe(401);
  const erased = await db().selectFrom('audit_events').select(['actor_id', 'subject_kind', 'subject_id', 'details']).where('action', '=', 'user.erased').executeTakeFirstOrThrow();
  expect(erased).toEqual({ actor_id: f.ids.admin, subject_kind: 'user', subject_id: f.ids.teacher, details: { videos: 'transfer', count: 2, to: successor } });
  expect((await f.get('admin', `/admin/privacy/users/${f.ids.teacher}`)).text).toContain('data-testid="erased"');
  expect((await f.post('admin', `/admin/privacy/users/${f.ids.teacher}/erase`, { videos: 'trash', confirm: 'on' })).status).toBe(409);
});

it('erasure can trash the videos instead; it needs the confirmation and a receiver, and an admin cannot erase themself', async () => {
  const person = await f.makeStaff({ name: 'Poistuva Henkilö', email: 'poistuva@uni.test' });
  const v = await createVideo(db(), { ownerId: person, courseId: f.here, status: 'ready' });
  const path = `/admin/privacy/users/${person}/erase`;
  expect((await f.post('admin', path, { videos: 'trash' })).status).toBe(400);
  expect((await f.post('admin', path, { videos: 'transfer', confirm: 'on' })).status).toBe(400);
  expect((await f.post('admin', path, { videos: 'transfer', toUserId: f.ids.learner, confirm: 'on' })).status).toBe(400);
  expect((await db().selectFrom('users').select('email').where('id', '=', person).executeTakeFirstOrThrow()).email).toBe('poistuva@uni.test');
  expect((await f.post('admin', `/admin/privacy/users/${f.ids.admin}/erase`, { videos: 'trash', confirm: 'on' })).status).toBe(400);
  expect((await f.post('admin', path, { videos: 'trash', confirm: 'on' })).status).toBe(303);
  expect((await db().selectFrom('videos').select('trashed_at').where('id', '=', v.id).executeTakeFirstOrThrow()).trashed_at).not.toBeNull();
  expect(await placesMentioning('poistuva@uni.test')).toEqual([]);
});
