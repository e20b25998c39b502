// The six kinds of user every route's authorization test covers, launched through the demo LMS with
// token-carried sessions (no cookies), so CSRF does not mask the authorization answer.
import request from 'supertest';
import { sha256 } from '../../src/auth/hmac.js';
import { launchAs, type LaunchedClient, type LtiTestContext } from './launch-as.js';
import { userIdOfSession } from './video-factory.js';

export type Who = 'anonymous' | 'learnerHere' | 'learnerElsewhere' | 'instructorHere' | 'instructorElsewhere' | 'admin';
export const everyone: Who[] = ['anonymous', 'learnerHere', 'learnerElsewhere', 'instructorHere', 'instructorElsewhere', 'admin'];
/** here: the course id of the "here" users; instructorHereId: the user id of the instructor here (the usual owner). */
export type SixUsers = { clients: Record<Exclude<Who, 'anonymous'>, LaunchedClient>; here: string; instructorHereId: string };

export async function launchSixUsers(ctx: LtiTestContext): Promise<SixUsers> {
  const clients = {
    learnerHere: await launchAs(ctx, 'student', { cookies: false }),
    instructorHere: await launchAs(ctx, 'teacher', { cookies: false }),
    learnerElsewhere: await launchAs(ctx, 'student2', { course: 'another-course', cookies: false }),
    instructorElsewhere: await launchAs(ctx, 'teacher', { course: 'another-course', cookies: false }),
    admin: await launchAs(ctx, 'admin', { course: 'admin-course', cookies: false }),
  };
  const instructorHereId = await userIdOfSession(ctx.deps.db, sha256(clients.instructorHere.sessionToken));
  return { clients, here: clients.learnerHere.courseId, instructorHereId };
}

/** Expected statuses in the order anonymous, learner here, learner elsewhere, instructor here, instructor elsewhere, admin. */
export function statuses(...s: [number, number, number, number, number, number]): Record<Who, number> {
  return Object.fromEntries(everyone.map((w, i) => [w, s[i]])) as Record<Who, number>;
}

export function requestAs(ctx: LtiTestContext, users: Pick<SixUsers, 'clients'>, who: Who) {
  const c = who === 'anonymous' ? undefined : users.clients[who];
  return {
    get: (path: string) => (c ? c.get(path) : request(ctx.app).get(path)),
    post: (path: string) => (c ? c.post(path) : request(ctx.app).post(path)),
  };
}
