// Shared set-up of the governance tests (attestation, ownership, moderation, privacy): the six kinds of
// user launched through the demo LMS, their user ids, and extra staff members made as plain rows.
import { randomUUID } from 'node:crypto';
import type request from 'supertest';
import type { Mailer } from '../../src/adapters/mail/mailer.js';
import { sha256 } from '../../src/auth/hmac.js';
import { createMediaBlockList } from '../../src/governance/media-block-list.js';
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

/**
 * `mailer`: the app sends its mail through it (an SmtpMailer on the test's smtp-sink). `mediaBlocksRefreshMs`:
 * the app's media block list reloads this often (instead of every 5 s), as another web process would see
 * changes made elsewhere. `now`: the app's clock.
 */
export async function createGovernanceFixture(opts: { env?: Record<string, string>; mailer?: Mailer; mediaBlocksRefreshMs?: number; now?: () => Date } = {}): Promise<GovernanceFixture> {
  const ctx = await createLtiTestContext({ env: { PATH: process.env.PATH ?? '', ...opts.env }, now: opts.now });
  const mailer = opts.mailer;
  if (opts.mediaBlocksRefreshMs) {
    ctx.deps.mediaBlocks.stop();
    // Changed in place, so the context stops this one when it closes and tests see the app's list.
    ctx.deps.mediaBlocks = await createMediaBlockList({ db: ctx.deps.db, log: ctx.deps.log, refreshMs: opts.mediaBlocksRefreshMs });
    // As src/deps.ts wires it: the owner's delete tells this list at once.
    ctx.deps.videos.onTrashChanged = ctx.deps.mediaBlocks.noteTrashed;
  }
  // Before the launches: launched clients keep the app they were launched on.
  if (mailer || opts.mediaBlocksRefreshMs) ctx.rebuild((d) => (mailer ? { ...d, media: { ...d.media, mailer } } : d));
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
      ctx.deps.mediaBlocks.stop();
      await ctx.close();
    },
  };
}
