// The site audit log: the events that existing features now record (refused launches and logins, role
// changes on launch, platform registration and status, uploads and publishing), and the admin page's
// filters, keyset paging and CSV export.
import request from 'supertest';
import { sha256 } from '../../src/auth/hmac.js';
import type { Actor } from '../../src/auth/permissions.js';
import { recordAudit } from '../../src/governance/audit.js';
import { upsertPlatform } from '../../src/lti/platforms.repo.js';
import { createUpload, setPublished } from '../../src/videos/videos.service.js';
import { createLtiTestContext, launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { createVideo, userIdOfSession } from '../helpers/video-factory.js';

let ctx: LtiTestContext;
let admin: LaunchedClient;
let teacher: LaunchedClient;
let teacherId: string;

const audit = (action: string) => ctx.deps.db.selectFrom('audit_events').selectAll().where('action', '=', action).orderBy('id').execute();
const html = (path: string) => admin.get(path).set('Accept', 'text/html');
const eventIds = (text: string) => [...text.matchAll(/data-event-id="(\d+)"/g)].map((m) => m[1]);

beforeAll(async () => {
  ctx = await createLtiTestContext();
  admin = await launchAs(ctx, 'admin', { cookies: false });
  teacher = await launchAs(ctx, 'teacher', { cookies: false });
  teacherId = await userIdOfSession(ctx.deps.db, sha256(teacher.sessionToken));
});
afterAll(() => ctx.close());

describe('events recorded by existing features', () => {
  it('audits refused launches and logins with their reason code', async () => {
    expect((await request(ctx.app).post('/lti/launch').type('form').send({})).status).toBe(400);
    expect((await request(ctx.app).get('/lti/login')).status).toBe(400);
    expect((await audit('launch.refused')).at(-1)).toMatchObject({ reason: 'token_missing', actor_id: null, details: { path: '/lti/launch' } });
    expect((await audit('login.refused')).at(-1)).toMatchObject({ reason: 'login_params_invalid', actor_id: null });
  });

  it('stops auditing a flood of refused launches from one address (each one is still refused)', async () => {
    const before = (await audit('launch.refused')).length;
    const statuses = await Promise.all(Array.from({ length: 40 }, () => request(ctx.app).post('/lti/launch').type('form').send({ id_token: 'x.y.z' }).then((r) => r.status)));
    expect(new Set(statuses)).toEqual(new Set([400]));
    const written = (await audit('launch.refused')).length - before;
    // At most 30 per address and minute (src/governance/refusal-audit-limit.ts), fewer if this minute had some.
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThanOrEqual(30);
  });

  it('audits a course role that changed since the last launch, and nothing when it did not', async () => {
    await launchAs(ctx, 'teacher', { cookies: false });
    expect(await audit('role.changed')).toEqual([]);
    await ctx.deps.db.updateTable('memberships').set({ role: 'viewer' }).where('user_id', '=', teacherId).execute();
    await launchAs(ctx, 'teacher', { cookies: false });
    expect(await audit('role.changed')).toEqual([expect.objectContaining({ subject_kind: 'user', subject_id: teacherId, reason: 'lti_launch', details: expect.objectContaining({ from: 'viewer', to: 'creator' }) })]);
  });

  it('audits a site admin status that a launch takes away', async () => {
    await ctx.deps.db.updateTable('users').set({ site_role: 'admin' }).where('id', '=', teacherId).execute();
    await launchAs(ctx, 'teacher', { cookies: false });
    expect((await audit('role.changed')).at(-1)).toMatchObject({ subject_id: teacherId, details: expect.objectContaining({ siteAdmin: { from: true, to: false } }) });
    expect(await audit('role.changed')).toHaveLength(2);
  });

  it('audits platform registration, approval, disabling and enabling', async () => {
    const form = { issuer: 'https://moodle.audit.test', clientId: 'c1', authUrl: 'https://moodle.audit.test/auth', tokenUrl: 'https://moodle.audit.test/token', jwksUrl: 'https://moodle.audit.test/jwks', deploymentIds: '1' };
    expect((await admin.post('/admin/platforms').type('form').send(form)).status).toBe(303);
    const [registered] = await audit('platform.registered');
    expect(registered).toMatchObject({ subject_kind: 'platform', details: expect.objectContaining({ issuer: 'https://moodle.audit.test', source: 'admin' }) });
    const id = registered!.subject_id!;
    await admin.post(`/admin/platforms/${id}/status`).type('form').send({ status: 'disabled' });
    await admin.post(`/admin/platforms/${id}/status`).type('form').send({ status: 'active' });
    expect((await audit('platform.disabled')).map((e) => e.subject_id)).toEqual([id]);
    expect((await audit('platform.changed')).map((e) => e.details)).toEqual([{ from: 'disabled', to: 'active' }]);
    const pending = await upsertPlatform(ctx.deps.db, { ...form, issuer: 'https://pending.audit.test', name: 'p', status: 'pending', source: 'dynamic', deploymentIds: [] });
    await admin.post(`/admin/platforms/${pending.id}/status`).type('form').send({ status: 'active' });
    expect((await audit('platform.approved')).map((e) => e.subject_id)).toEqual([pending.id]);
  });

  it('audits an upload and publishing, in the same transaction as the change', async () => {
    const actor: Actor = { kind: 'user', userId: teacherId, isSiteAdmin: false, course: { courseId: teacher.courseId, role: 'creator' } };
    const video = await createUpload(ctx.deps.videos, actor, { courseId: teacher.courseId, title: 'T', description: '', language: 'fi', fileName: 'a.mp4', fileBytes: 1000, attestsRightsAndConsent: true });
    expect((await audit('video.uploaded')).map((e) => [e.subject_id, e.actor_id])).toEqual([[video.id, teacherId]]);
    const ready = await createVideo(ctx.deps.db, { ownerId: teacherId, courseId: teacher.courseId, status: 'ready' });
    await setPublished(ctx.deps.videos, actor, ready.id, true);
    await setPublished(ctx.deps.videos, actor, ready.id, false);
    expect((await audit('video.published')).map((e) => e.subject_id)).toEqual([ready.id]);
    expect((await audit('video.unpublished')).map((e) => e.subject_id)).toEqual([ready.id]);
    // A refused change records nothing.
    await expect(setPublished(ctx.deps.videos, actor, video.id, true)).rejects.toThrow();
    expect(await audit('video.published')).toHaveLength(1);
  });
});

describe('the audit log page', () => {
  beforeAll(async () => {
    const db = ctx.deps.db;
    await recordAudit(db, { action: 'caption.reviewed', actorId: teacherId, subject: { kind: 'video', id: 'v-old' }, at: new Date('2025-01-10T12:00:00Z') });
    await recordAudit(db, { action: 'caption.reviewed', actorId: teacherId, subject: { kind: 'video', id: 'v-mid' }, at: new Date('2025-03-31T23:59:00Z') });
    await recordAudit(db, { action: 'caption.reviewed', actorId: null, subject: { kind: 'video', id: 'v-new' }, reason: '=HYPERLINK("http://evil.example")', details: { note: 'a, "b"' }, at: new Date('2025-06-01T00:00:00Z') });
    for (let i = 0; i < 120; i++) await recordAudit(db, { action: 'report.dismissed', actorId: null, subject: { kind: 'report', id: String(i) } });
  });

  it('filters by action, actor, subject and date range', async () => {
    const subjects = async (q: string) => {
      const res = await html(`/admin/audit?${q}`);
      expect(res.status).toBe(200);
      return [...res.text.matchAll(/<td>video:([\w-]+)<\/td>/g)].map((m) => m[1]);
    };
    expect(await subjects('action=caption.reviewed')).toEqual(['v-new', 'v-mid', 'v-old']);
    expect(await subjects(`action=caption.reviewed&actor=${teacherId}`)).toEqual(['v-mid', 'v-old']);
    expect(await subjects('action=caption.reviewed&actor=system')).toEqual(['v-new']);
    expect(await subjects('subject=video:v-mid')).toEqual(['v-mid']);
    expect(await subjects('action=caption.reviewed&from=2025-02-01&to=2025-03-31')).toEqual(['v-mid']);
    expect(await subjects('action=caption.reviewed&to=2025-03-30')).toEqual(['v-old']);
    const bySubjectKind = await html('/admin/audit?subject=platform');
    expect(bySubjectKind.text).toContain('platform.registered');
    expect(bySubjectKind.text).not.toContain('<td>report.dismissed</td>');
  });

  it('explains bad filters with a 400', async () => {
    for (const q of ['action=no.such', 'actor=bob', 'subject=%3Cscript%3E', 'from=2025-13-45', 'before=x']) {
      const res = await admin.get(`/admin/audit?${q}`).set('Accept', 'application/json');
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
  });

  it('pages with a keyset cursor through every event, newest first, with no gaps or repeats', async () => {
    const seen: string[] = [];
    let path: string | undefined = '/admin/audit?action=report.dismissed';
    let pages = 0;
    while (path) {
      const res = await html(path);
      seen.push(...(eventIds(res.text) as string[]));
      const older = /<a href="([^"]+)" rel="next">/.exec(res.text)?.[1];
      path = older ? older.replace(/&amp;/g, '&').replace(/[?&]st=[^&]*/, '') : undefined;
      pages++;
    }
    expect(pages).toBe(3);
    expect(seen).toHaveLength(120);
    expect(new Set(seen).size).toBe(120);
    expect([...seen].sort((a, b) => Number(b) - Number(a))).toEqual(seen);
  });

  it('links to the lifecycle log', async () => {
    expect((await html('/admin/audit')).text).toContain('href="/admin/lifecycle/audit?st=');
  });

  it('exports the filtered events as CSV with formulas neutralised', async () => {
    const res = await admin.get('/admin/audit?action=caption.reviewed&format=csv');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toContain('audit-log.csv');
    const lines = res.text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('id,at,action,actor_id,actor,subject_kind,subject_id,reason,details,ip');
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`2025-06-01T00:00:00.000Z,caption.reviewed,,system,video,v-new,"'=HYPERLINK(""http://evil.example"")","{""note"":""a, \\""b\\""""}",`);
    const all = await admin.get('/admin/audit?action=report.dismissed&format=csv');
    expect(all.text.split('\r\n').filter(Boolean)).toHaveLength(121);
  });
});
