// The six kinds of user of the authorization matrices, launched through the demo LMS in two courses,
// with sessions carried by token (so CSRF does not mask the authorization answer).
import request from 'supertest';
import { sha256 } from '../../src/auth/hmac.js';
import { launchAs, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';

export type Who = 'anonymous' | 'learnerHere' | 'learnerElsewhere' | 'instructorHere' | 'instructorElsewhere' | 'admin';
export const everyone: Who[] = ['anonymous', 'learnerHere', 'learnerElsewhere', 'instructorHere', 'instructorElsewhere', 'admin'];
export type Clients = Record<Exclude<Who, 'anonymous'>, LaunchedClient>;

export async function launchEveryone(ctx: LtiTestContext): Promise<{ clients: Clients; courseId: string; instructorId: string; learnerId: string }> {
  const clients = {
    learnerHere: await launchAs(ctx, 'student', { cookies: false }),
    instructorHere: await launchAs(ctx, 'teacher', { cookies: false }),
    learnerElsewhere: await launchAs(ctx, 'student2', { course: 'another-course', cookies: false }),
    instructorElsewhere: await launchAs(ctx, 'teacher', { course: 'another-course', cookies: false }),
    admin: await launchAs(ctx, 'admin', { course: 'admin-course', cookies: false }),
  };
  const userOf = async (c: LaunchedClient) => (await ctx.deps.db.selectFrom('sessions').select('user_id').where('token_hash', '=', sha256(c.sessionToken)).executeTakeFirstOrThrow()).user_id;
  return { clients, courseId: clients.instructorHere.courseId, instructorId: await userOf(clients.instructorHere), learnerId: await userOf(clients.learnerHere) };
}

export function clientFor(ctx: LtiTestContext, clients: Clients, who: Who): { get: (p: string) => request.Test; post: (p: string) => request.Test } {
  if (who === 'anonymous') return { get: (p) => request(ctx.app).get(p), post: (p) => request(ctx.app).post(p) };
  return clients[who];
}
