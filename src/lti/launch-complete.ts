// Writes a verified launch in ONE SQL statement (data-modifying CTEs): it consumes the login state and
// the token id, reads the account as it was, upserts the user, the course and the membership, audits a
// role change, and opens a session. One statement is atomic like a transaction, and costs one round trip
// instead of the eight a BEGIN … COMMIT of separate statements took (issue 3's launch throughput).
// Every write after the two single-use marks is gated on both marks having been made by this statement
// and on the account not being disabled, so a launch that loses a race (the same token posted twice at
// once) or is refused writes no user, course, membership or session.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';
import { randomToken, sha256 } from '../auth/hmac.js';
import type { AppRole } from '../auth/permissions.js';
import type { SessionLaunch } from '../auth/sessions.js';
import { UserDisabledLaunchError } from '../governance/audit-launch.js';
import type { LaunchContext } from './claims.js';
import { LaunchRefusedError } from './launch-errors.js';
import type { VerifiedLaunch } from './launch.js';
import { mapLtiRoles } from './roles.js';

export type CompletedLaunch = { sessionToken: string; userId: string; courseId: string; landingPath: string; locale: string | undefined };

function landingPath(courseId: string, launch: Pick<SessionLaunch, 'messageType' | 'embedVideoId'>): string {
  if (launch.messageType === 'LtiDeepLinkingRequest') return '/lti/deep-link';
  if (launch.embedVideoId) return `/courses/${courseId}/embed`;
  return `/courses/${courseId}`;
}

/** The session's launch claims; the locale is added in SQL (the user's own choice beats the launch's). */
function sessionLaunchOf(v: VerifiedLaunch, roles: { courseRole: AppRole; isSiteAdmin: boolean }): Omit<SessionLaunch, 'locale'> {
  const { platform, context: c } = v;
  return {
    platformId: platform.id,
    issuer: c.issuer,
    clientId: c.clientId,
    deploymentId: c.deploymentId,
    contextId: c.context.id,
    messageType: c.message.type,
    role: roles.courseRole,
    isSiteAdmin: roles.isSiteAdmin,
    returnUrl: c.returnUrl,
    resourceLinkId: c.message.type === 'LtiResourceLinkRequest' ? c.message.resourceLink.id : undefined,
    embedVideoId: v.embedVideoId,
    deepLink: c.message.type === 'LtiDeepLinkingRequest' ? c.message.deepLink : undefined,
    services: { nrps: c.services.nrps, ags: c.services.ags },
  };
}

type WriteRow = { state_ok: boolean; token_ok: boolean; before_user_id: string | null; before_disabled: boolean; user_id: string | null; course_id: string | null };

type WriteInput = { v: VerifiedLaunch; c: LaunchContext; role: AppRole; isSiteAdmin: boolean; launch: string; tokenHash: string; now: Date; expiresAt: Date };

function writeLaunch(db: Db, i: WriteInput) {
  const { c, now } = i;
  const platformId = i.v.platform.id;
  const siteRole = i.isSiteAdmin ? 'admin' : 'user';
  const ltiRoles = JSON.stringify(c.roles);
  // An unchanged course is only read: an upsert would lock its row and queue a whole class's launches.
  return sql<WriteRow>`
    WITH used AS (
      UPDATE lti_login_states SET used_at = ${now}, pending_launch = NULL
      WHERE state_id = ${i.v.loginStateId} AND used_at IS NULL RETURNING 1),
    fresh AS (
      INSERT INTO lti_used_tokens (issuer, token_id, expires_at) VALUES (${c.issuer}, ${c.tokenId}, ${new Date(c.expiresAt * 1000 + 3600_000)})
      ON CONFLICT (issuer, token_id) DO NOTHING RETURNING 1),
    before AS (
      SELECT u.id, u.site_role, u.disabled_at, m.role FROM users u
      LEFT JOIN courses bc ON bc.platform_id = ${platformId} AND bc.deployment_id = ${c.deploymentId} AND bc.context_id = ${c.context.id}
      LEFT JOIN memberships m ON m.user_id = u.id AND m.course_id = bc.id
      WHERE u.platform_id = ${platformId} AND u.sub = ${c.sub}),
    gate AS (
      SELECT EXISTS (SELECT 1 FROM used) AS state_ok, EXISTS (SELECT 1 FROM fresh) AS token_ok,
             EXISTS (SELECT 1 FROM before WHERE disabled_at IS NOT NULL) AS disabled),
    ok AS (SELECT 1 FROM gate WHERE state_ok AND token_ok AND NOT disabled),
    usr AS (
      INSERT INTO users (platform_id, sub, name, email, locale, site_role, last_login_at)
      SELECT ${platformId}::bigint, ${c.sub}::text, ${c.user.name}::text, ${c.user.email ?? null}::text, ${c.locale ?? null}::text, ${siteRole}::text, ${now}::timestamptz FROM ok
      ON CONFLICT (platform_id, sub) DO UPDATE SET name = excluded.name, email = excluded.email, locale = excluded.locale,
        site_role = excluded.site_role, last_login_at = excluded.last_login_at
      RETURNING id, preferred_locale),
    old_course AS (
      SELECT id FROM courses WHERE platform_id = ${platformId} AND deployment_id = ${c.deploymentId} AND context_id = ${c.context.id}
        AND title = ${c.context.title} AND label = ${c.context.label}),
    new_course AS (
      INSERT INTO courses (platform_id, deployment_id, context_id, title, label, library_provisioned_at)
      SELECT ${platformId}::bigint, ${c.deploymentId}::text, ${c.context.id}::text, ${c.context.title}::text, ${c.context.label}::text, ${now}::timestamptz FROM ok
      WHERE NOT EXISTS (SELECT 1 FROM old_course)
      ON CONFLICT (platform_id, deployment_id, context_id) DO UPDATE SET title = excluded.title, label = excluded.label, updated_at = ${now}::timestamptz
      RETURNING id),
    course AS (SELECT id FROM new_course UNION ALL SELECT id FROM old_course WHERE EXISTS (SELECT 1 FROM ok)),
    membership AS (
      INSERT INTO memberships (user_id, course_id, role, lti_roles, updated_at)
      SELECT usr.id, course.id, ${i.role}::text, ${ltiRoles}::jsonb, ${now}::timestamptz FROM usr, course
      ON CONFLICT (user_id, course_id) DO UPDATE SET role = excluded.role, lti_roles = excluded.lti_roles, updated_at = excluded.updated_at),
    session AS (
      INSERT INTO sessions (token_hash, user_id, course_id, launch, last_seen_at, expires_at)
      SELECT ${i.tokenHash}, usr.id, course.id,
        ${i.launch}::jsonb || jsonb_strip_nulls(jsonb_build_object('locale', coalesce(usr.preferred_locale, ${c.locale ?? null}::text))),
        ${now}::timestamptz, ${i.expiresAt}::timestamptz
      FROM usr, course),
    role_audit AS (
      INSERT INTO audit_events (action, actor_id, subject_kind, subject_id, reason, details, at)
      SELECT 'role.changed', NULL::bigint, 'user', b.id::text, 'lti_launch',
        jsonb_build_object('courseId', course.id::text, 'from', b.role, 'to', ${i.role}::text, 'ltiRoles', ${ltiRoles}::jsonb), ${now}::timestamptz
      FROM before b, course WHERE b.role IS NOT NULL AND b.role <> ${i.role}::text
      UNION ALL
      SELECT 'role.changed', NULL::bigint, 'user', b.id::text, 'lti_launch',
        jsonb_build_object('siteAdmin', jsonb_build_object('from', b.site_role = 'admin', 'to', ${i.isSiteAdmin}::boolean), 'ltiRoles', ${ltiRoles}::jsonb), ${now}::timestamptz
      FROM before b, ok WHERE (b.site_role = 'admin') <> ${i.isSiteAdmin}::boolean)
    SELECT gate.state_ok, gate.token_ok, gate.disabled AS before_disabled, (SELECT id FROM before) AS before_user_id,
      (SELECT id FROM usr) AS user_id, (SELECT id FROM course) AS course_id
    FROM gate`.execute(db);
}

export async function completeLaunch(db: Db, opts: { launch: VerifiedLaunch; now: Date; idleMs: number }): Promise<CompletedLaunch> {
  const v = opts.launch;
  const c = v.context;
  const roles = mapLtiRoles(c.roles, v.platform.roleMappings);
  const launch = sessionLaunchOf(v, roles);
  const sessionToken = randomToken();
  const { rows } = await writeLaunch(db, {
    v,
    c,
    role: roles.courseRole,
    isSiteAdmin: roles.isSiteAdmin,
    launch: JSON.stringify(launch),
    tokenHash: sha256(sessionToken),
    now: opts.now,
    expiresAt: new Date(opts.now.getTime() + opts.idleMs),
  });
  const row = rows[0] as WriteRow;
  if (!row.state_ok) throw new LaunchRefusedError('state_invalid', 'This login was already used');
  if (!row.token_ok) throw new LaunchRefusedError('token_replayed', 'This id_token was already used');
  // Issue 7: a disabled account is refused; nothing but the two single-use marks was written.
  if (row.before_disabled) throw new UserDisabledLaunchError(row.before_user_id as string);
  if (!row.user_id || !row.course_id) throw new Error('The launch statement wrote no user or course');
  return { sessionToken, userId: row.user_id, courseId: row.course_id, landingPath: landingPath(row.course_id, launch), locale: c.locale };
}
