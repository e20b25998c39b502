import type { Db } from '../db/database.js';
import type { AppRole } from '../auth/permissions.js';

export type Course = { id: string; platformId: string; deploymentId: string; contextId: string; title: string; label: string };

const columns = ['id', 'platform_id', 'deployment_id', 'context_id', 'title', 'label'] as const;
function toCourse(r: { id: string; platform_id: string; deployment_id: string; context_id: string; title: string; label: string }): Course {
  return { id: r.id, platformId: r.platform_id, deploymentId: r.deployment_id, contextId: r.context_id, title: r.title, label: r.label };
}

/**
 * Course = (platform, deployment, context id). Its video library is provisioned on the first launch.
 * A whole class launches the same course at the start of a lecture: an unchanged course is only read,
 * because an upsert would lock its row and queue every launch behind the others.
 */
export async function upsertCourse(db: Db, c: { platformId: string; deploymentId: string; contextId: string; title: string; label: string; now: Date }): Promise<Course> {
  const existing = await db.selectFrom('courses').select(columns).where('platform_id', '=', c.platformId).where('deployment_id', '=', c.deploymentId).where('context_id', '=', c.contextId).executeTakeFirst();
  if (existing && existing.title === c.title && existing.label === c.label) return toCourse(existing);
  const row = await db
    .insertInto('courses')
    .values({ platform_id: c.platformId, deployment_id: c.deploymentId, context_id: c.contextId, title: c.title, label: c.label, library_provisioned_at: c.now })
    .onConflict((oc) => oc.columns(['platform_id', 'deployment_id', 'context_id']).doUpdateSet({ title: c.title, label: c.label, updated_at: c.now }))
    .returning(columns)
    .executeTakeFirstOrThrow();
  return toCourse(row);
}

export async function upsertMembership(db: Db, m: { userId: string; courseId: string; role: AppRole; ltiRoles: string[]; now: Date }): Promise<void> {
  await db
    .insertInto('memberships')
    .values({ user_id: m.userId, course_id: m.courseId, role: m.role, lti_roles: JSON.stringify(m.ltiRoles), updated_at: m.now })
    .onConflict((oc) => oc.columns(['user_id', 'course_id']).doUpdateSet({ role: m.role, lti_roles: JSON.stringify(m.ltiRoles), updated_at: m.now }))
    .execute();
}

export async function findCourseById(db: Db, id: string): Promise<Course | undefined> {
  if (!/^\d{1,18}$/.test(id)) return undefined;
  const row = await db.selectFrom('courses').select(columns).where('id', '=', id).executeTakeFirst();
  return row && toCourse(row);
}
