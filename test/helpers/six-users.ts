// The six kinds of user every route's authorization test covers, launched through the demo LMS with
// token-carried sessions (no cookies), so CSRF does not mask the authorization answer.
import request from 'supertest';
import { launchAs, type LaunchedClient, type LtiTestContext } from './launch-as.js';

export type Who = 'anonymous' | 'learnerHere' | 'learnerElsewhere' | 'instructorHere' | 'instructorElsewhere' | 'admin';
export const everyone: Who[] = ['anonymous', 'learnerHere', 'learnerElsewhere', 'instructorHere', 'instructorElsewhere', 'admin'];
export type SixUsers = { clients: Record<Exclude<Who, 'anonymous'>, LaunchedClient>; here: string };

export async function launchSixUsers(ctx: LtiTestContext): Promise<SixUsers> {
  const clients = {
    learnerHere: await launchAs(ctx, 'student', { cookies: false }),
    instructorHere: await launchAs(ctx, 'teacher', { cookies: false }),
    learnerElsewhere: await launchAs(ctx, 'student2', { course: 'another-course', cookies: false }),
    instructorElsewhere: await launchAs(ctx, 'teacher', { course: 'another-course', cookies: false }),
    admin: await launchAs(ctx, 'admin', { course: 'admin-course', cookies: false }),
  };
  return { clients, here: clients.learnerHere.courseId };
}

/** Expected statuses in the order anonymous, learner here, learner elsewhere, instructor here, instructor elsewhere, admin. */
export function statuses(...s: [number, number, number, number, number, number]): Record<Who, number> {
  return Object.fromEntries(everyone.map((w, i) => [w, s[i]])) as Record<Who, number>;
}

export function requestAs(ctx: LtiTestContext, users: SixUsers, who: Who) {
  const c = who === 'anonymous' ? undefined : users.clients[who];
  return {
    get: (path: string) => (c ? c.get(path) : request(ctx.app).get(path)),
    post: (path: string) => (c ? c.post(path) : request(ctx.app).post(path)),
  };
}
