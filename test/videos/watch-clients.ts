// The six kinds of user (test/helpers/six-users.ts), plus the user ids the video tests need.
import type request from 'supertest';
import { sha256 } from '../../src/auth/hmac.js';
import type { LtiTestContext } from '../helpers/launch-as.js';
import { userIdOfSession } from '../helpers/video-factory.js';
import { launchSixUsers, requestAs, type SixUsers, type Who } from '../helpers/six-users.js';

export { everyone, type Who } from '../helpers/six-users.js';
export type Clients = SixUsers['clients'];

export async function launchEveryone(ctx: LtiTestContext): Promise<{ clients: Clients; courseId: string; instructorId: string; learnerId: string }> {
  const { clients, instructorHereId } = await launchSixUsers(ctx);
  return { clients, courseId: clients.instructorHere.courseId, instructorId: instructorHereId, learnerId: await userIdOfSession(ctx.deps.db, sha256(clients.learnerHere.sessionToken)) };
}

export function clientFor(ctx: LtiTestContext, clients: Clients, who: Who): { get: (p: string) => request.Test; post: (p: string) => request.Test } {
  return requestAs(ctx, { clients }, who);
}
