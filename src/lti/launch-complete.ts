// Writes a verified launch: consumes the login state and the token id, then upserts the user, the
// course and the membership, and opens a session, all in one transaction. A race that loses (the same
// token posted twice at once) rolls everything back.
import type { Db } from '../db/database.js';
import { createSession, type SessionLaunch } from '../auth/sessions.js';
import { upsertCourse, upsertMembership } from '../courses/courses.repo.js';
import { upsertUser } from '../users/users.repo.js';
import { LaunchRefusedError } from './launch-errors.js';
import type { VerifiedLaunch } from './launch.js';
import { mapLtiRoles } from './roles.js';
import { auditLaunchRoleChanges, readAccountBeforeLaunch, refuseDisabledAccount } from '../governance/audit-launch.js';

export type CompletedLaunch = { sessionToken: string; userId: string; courseId: string; landingPath: string; locale: string | undefined };

function landingPath(courseId: string, launch: SessionLaunch): string {
  if (launch.messageType === 'LtiDeepLinkingRequest') return '/lti/deep-link';
  if (launch.embedVideoId) return `/courses/${courseId}/embed`;
  return `/courses/${courseId}`;
}

export async function completeLaunch(db: Db, opts: { launch: VerifiedLaunch; now: Date; idleMs: number }): Promise<CompletedLaunch> {
  const { platform, context: c } = opts.launch;
  const roles = mapLtiRoles(c.roles, platform.roleMappings);
  return db.transaction().execute(async (trx) => {
    // Both single-use marks in one statement; whichever lost a race rolls the whole launch back.
    const marks = await trx
      .with('used', (q) => q.updateTable('lti_login_states').set({ used_at: opts.now, pending_launch: null }).where('state_id', '=', opts.launch.loginStateId).where('used_at', 'is', null).returning('state_id'))
      .with('fresh', (q) =>
        q
          .insertInto('lti_used_tokens')
          .values({ issuer: c.issuer, token_id: c.tokenId, expires_at: new Date(c.expiresAt * 1000 + 3600_000) })
          .onConflict((oc) => oc.columns(['issuer', 'token_id']).doNothing())
          .returning('token_id'),
      )
      .selectNoFrom((eb) => [eb.exists(eb.selectFrom('used').select('state_id')).as('stateConsumed'), eb.exists(eb.selectFrom('fresh').select('token_id')).as('tokenFresh')])
      .executeTakeFirstOrThrow();
    if (!marks.stateConsumed) throw new LaunchRefusedError('state_invalid', 'This login was already used');
    if (!marks.tokenFresh) throw new LaunchRefusedError('token_replayed', 'This id_token was already used');
    // Issue 7: a disabled account is refused before anything is written; a role change is audited.
    const before = await readAccountBeforeLaunch(trx, { platformId: platform.id, sub: c.sub, deploymentId: c.deploymentId, contextId: c.context.id });
    refuseDisabledAccount(before);
    const user = await upsertUser(trx, { platformId: platform.id, sub: c.sub, name: c.user.name, email: c.user.email, locale: c.locale, isSiteAdmin: roles.isSiteAdmin, now: opts.now });
    const course = await upsertCourse(trx, { platformId: platform.id, deploymentId: c.deploymentId, contextId: c.context.id, title: c.context.title, label: c.context.label, now: opts.now });
    await upsertMembership(trx, { userId: user.id, courseId: course.id, role: roles.courseRole, ltiRoles: c.roles, now: opts.now });
    await auditLaunchRoleChanges(trx, { before, courseId: course.id, courseRole: roles.courseRole, isSiteAdmin: roles.isSiteAdmin, ltiRoles: c.roles, now: opts.now });
    const launch: SessionLaunch = {
      platformId: platform.id,
      issuer: c.issuer,
      clientId: c.clientId,
      deploymentId: c.deploymentId,
      contextId: c.context.id,
      messageType: c.message.type,
      role: roles.courseRole,
      isSiteAdmin: roles.isSiteAdmin,
      // The user's own choice of language wins over the LMS's launch locale.
      locale: user.preferredLocale ?? c.locale,
      returnUrl: c.returnUrl,
      resourceLinkId: c.message.type === 'LtiResourceLinkRequest' ? c.message.resourceLink.id : undefined,
      embedVideoId: opts.launch.embedVideoId,
      deepLink: c.message.type === 'LtiDeepLinkingRequest' ? c.message.deepLink : undefined,
      services: { nrps: c.services.nrps, ags: c.services.ags },
    };
    const sessionToken = await createSession(trx, { userId: user.id, courseId: course.id, launch, now: opts.now, idleMs: opts.idleMs });
    return { sessionToken, userId: user.id, courseId: course.id, landingPath: landingPath(course.id, launch), locale: c.locale };
  });
}
