// Shared set-up of the governance tests (attestation, ownership, moderation, privacy): the six kinds of
// user launched through the demo LMS, their user ids, and extra staff members made as plain rows.
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { Mailer } from '../../src/adapters/mail/mailer.js';
import { sha256 } from '../../src/auth/hmac.js';
import { createLtiTestContext, type LaunchedClient, type LtiTestContext } from '../helpers/launch-as.js';
import { launchSixUsers, requestAs, type SixUsers, type Who } from '../helpers/six-users.js';

export type GovernanceFixture = {
  ctx: LtiTestContext;
  users: SixUsers;
  here: string;
  ids: { teacher: string; learner: string; learner2: string; admin: string };
  get: (who: Who, path: string) => request.Test;
  post: (who: Who, path: string, body?: Record<string, string>) => request.Test;
  /** A member of staff who never launched: a creator in the course here (or `courseId`). */
  makeStaff: (o?: { name?: string; email?: string; courseId?: string }) => Promise<string>;
  close: () => Promise<void>;
};

/** `mailer`: the app sends its mail through it (an SmtpMailer on the test's smtp-sink). */
export async function createGovernanceFixture(opts: { env?: Record<string, string>; mailer?: Mailer } = {}): Promise<GovernanceFixture> {
  const ctx = await createLtiTestContext({ env: { PATH: process.env.PATH ?? '', ...opts.env } });
  const mailer = opts.mailer;
  // Before the launches: launched clients keep the app they were launched on.
  if (mailer) ctx.rebuild((d) => ({ ...d, media: { ...d.media, mailer } }));
  const users = await launchSixUsers(ctx);
  const userOf = async (c: LaunchedClient) => (await ctx.deps.db.selectFrom('sessions').select('user_id').where('token_hash', '=', sha256(c.sessionToken)).executeTakeFirstOrThrow()).user_id;
  const ids = { teacher: await userOf(users.clients.instructorHere), learner: await userOf(users.clients.learnerHere), learner2: await userOf(users.clients.learnerElsewhere), admin: await userOf(users.clients.admin) };
  const platform = await ctx.deps.db.selectFrom('users').select('platform_id').where('id', '=', ids.teacher).executeTakeFirstOrThrow();
  return {
    ctx,
    users,
    here: users.here,
    ids,
    get: (who, path) => requestAs(ctx, users, who).get(path).set('Accept', 'text/html'),
    post: (who, path, body = {}) => requestAs(ctx, users, who).post(path).type('form').send(body),
    makeStaff: async (o = {}) => {
      const tag = randomUUID().slice(0, 8);
      const row = await ctx.deps.db
        .insertInto('users')
        .values({ platform_id: platform.platform_id, sub: `staff-${tag}`, name: o.name ?? `Staff ${tag}`, email: o.email ?? `staff.${tag}@uni.test`, locale: 'en' })
        .returning('id')
        .executeTakeFirstOrThrow();
      await ctx.deps.db.insertInto('memberships').values({ user_id: row.id, course_id: o.courseId ?? users.here, role: 'creator', lti_roles: '[]' }).execute();
      return row.id;
    },
    close: async () => {
      ctx.deps.takedowns.stop();
      await ctx.close();
    },
  };
}
