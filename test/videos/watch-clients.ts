// The six kinds of user (test/helpers/six-users.ts), plus the user ids the video tests need.
import type request from 'supertest';
import { sha256 } from '../../src/auth/hmac.js';
import type { LaunchedClient, LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, requestAs, type SixUsers, type Who } from '../helpers/six-users.js';

export { everyone, type Who } from '../helpers/six-users.js';
export type Clients = SixUsers['clients'];

export async function launchEveryone(ctx: LtiTestContext): Promise<{ clients: Clients; courseId: string; instructorId: string; learnerId: string }> {
  const { clients } = await launchSixUsers(ctx);
  const userOf = async (c: LaunchedClient) => (await ctx.deps.db.selectFrom('sessions').select('user_id').where('token_hash', '=', sha256(c.sessionToken)).executeTakeFirstOrThrow()).user_id;
  return { clients, courseId: clients.instructorHere.courseId, instructorId: await userOf(clients.instructorHere), learnerId: await userOf(clients.learnerHere) };
}

export function clientFor(ctx: LtiTestContext, clients: Clients, who: Who): { get: (p: string) => request.Test; post: (p: string) => request.Test } {
  return requestAs(ctx, { clients, here: clients.learnerHere.courseId }, who);
}
