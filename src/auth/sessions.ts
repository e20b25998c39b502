// Server-side sessions in PostgreSQL (ARCHITECTURE "Sessions inside an LMS iframe"). The token is 256
// random bits; only its SHA-256 is stored. It expires after a period without use.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import type { Course } from '../courses/courses.repo.js';
import { gateSelections, toGateRow, type GateRow } from '../governance/terms.repo.js';
import { appRoles } from './permissions.js';
import { randomToken, sha256 } from './hmac.js';

export const sessionLaunch = z.object({
  /** A staff member's direct sign-in (src/auth/oidc/): no LTI launch, no course. */
  direct: z.literal(true).optional(),
  platformId: z.string(),
  issuer: z.string(),
  clientId: z.string(),
  deploymentId: z.string(),
  contextId: z.string(),
  messageType: z.enum(['LtiResourceLinkRequest', 'LtiDeepLinkingRequest']),
  role: z.enum(appRoles),
  isSiteAdmin: z.boolean(),
  locale: z.string().optional(),
  returnUrl: z.string().optional(),
  resourceLinkId: z.string().optional(),
  embedVideoId: z.string().optional(),
  deepLink: z.object({ returnUrl: z.string(), acceptTypes: z.array(z.string()), acceptMultiple: z.boolean(), data: z.string().optional() }).optional(),
  services: z.object({
    nrps: z.object({ contextMembershipsUrl: z.string(), serviceVersions: z.array(z.string()) }).optional(),
    ags: z.object({ scope: z.array(z.string()), lineItems: z.string().optional(), lineItem: z.string().optional() }).optional(),
  }),
});
export type SessionLaunch = z.infer<typeof sessionLaunch>;

/**
 * A live session with what every request needs about its user, read in the same query: the display name,
 * whether they have recordings, the session's course, and the terms gate's row (disabled, terms to
 * accept), so a page costs no round trip for any of them.
 */
export type Session = {
  tokenHash: string;
  userId: string;
  courseId: string | null;
  launch: SessionLaunch;
  lastSeenAt: Date;
  /** hasRecordings: owns or co-edits a video not in the trash (the layout's "My recordings" link). */
  user: { name: string; sub: string; hasRecordings: boolean };
  /** The session's course as it is now (the course page after a launch needs no query of its own). */
  course: Course | null;
  gate: GateRow;
};

export async function createSession(db: Db, s: { userId: string; courseId: string | null; launch: SessionLaunch; now: Date; idleMs: number }): Promise<string> {
  const token = randomToken();
  await db
    .insertInto('sessions')
    .values({ token_hash: sha256(token), user_id: s.userId, course_id: s.courseId, launch: JSON.stringify(s.launch), last_seen_at: s.now, expires_at: new Date(s.now.getTime() + s.idleMs) })
    .execute();
  return token;
}

/** The live session for a token, or undefined. Extends the idle expiry at most once a minute. */
export async function touchSession(db: Db, opts: { token: string; now: Date; idleMs: number }): Promise<Session | undefined> {
  if (!/^[\w-]{43}$/.test(opts.token)) return undefined;
  const hash = sha256(opts.token);
  const row = await db
    .selectFrom('sessions as s')
    // A left join: a session whose user row is gone still reads, and the gate treats it as disabled.
    .leftJoin('users as u', 'u.id', 's.user_id')
    .leftJoin('courses as c', 'c.id', 's.course_id')
    .select(['s.user_id', 's.course_id', 's.launch', 's.last_seen_at', 'u.name', 'u.sub'])
    .select(['c.platform_id as course_platform_id', 'c.deployment_id', 'c.context_id', 'c.title as course_title', 'c.label as course_label'])
    .select((eb) => gateSelections(eb))
    .select((eb) =>
      eb
        .or([
          eb.exists(eb.selectFrom('videos as v').select('v.id').whereRef('v.owner_id', '=', 's.user_id').where('v.trashed_at', 'is', null)),
          eb.exists(eb.selectFrom('video_editors as e').innerJoin('videos as ev', 'ev.id', 'e.video_id').select('e.video_id').whereRef('e.user_id', '=', 's.user_id').where('ev.trashed_at', 'is', null)),
        ])
        .as('has_recordings'),
    )
    .where('s.token_hash', '=', hash)
    .where('s.expires_at', '>', opts.now)
    .executeTakeFirst();
  if (!row) return undefined;
  const launch = sessionLaunch.safeParse(row.launch);
  if (!launch.success) return undefined;
  if (opts.now.getTime() - row.last_seen_at.getTime() > 60_000)
    await db.updateTable('sessions').set({ last_seen_at: opts.now, expires_at: new Date(opts.now.getTime() + opts.idleMs) }).where('token_hash', '=', hash).execute();
  return {
    tokenHash: hash,
    userId: row.user_id,
    courseId: row.course_id,
    launch: launch.data,
    lastSeenAt: row.last_seen_at,
    user: { name: row.name ?? '', sub: row.sub ?? '', hasRecordings: Boolean(row.has_recordings) },
    course:
      row.course_id && row.course_platform_id !== null
        ? { id: row.course_id, platformId: row.course_platform_id, deploymentId: row.deployment_id ?? '', contextId: row.context_id ?? '', title: row.course_title ?? '', label: row.course_label ?? '' }
        : null,
    gate: toGateRow(row.sub === null ? undefined : row),
  };
}

/** Changes the UI language of a live session (the launch locale it carries). */
export async function setSessionLocale(db: Db, tokenHash: string, locale: string): Promise<void> {
  const row = await db.selectFrom('sessions').select('launch').where('token_hash', '=', tokenHash).executeTakeFirst();
  if (!row) return;
  const launch = sessionLaunch.parse(typeof row.launch === 'string' ? JSON.parse(row.launch) : row.launch);
  await db.updateTable('sessions').set({ launch: JSON.stringify({ ...launch, locale }) }).where('token_hash', '=', tokenHash).execute();
}
