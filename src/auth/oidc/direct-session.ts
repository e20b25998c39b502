// Sessions of staff who signed in directly: a sessions row with no course, whose launch says `direct`
// (src/auth/sessions.ts); actorFromSession makes their actor a direct sign-in (src/auth/permissions.ts).
import type { Session, SessionLaunch } from '../sessions.js';

export function directLaunch(o: { issuer: string; clientId: string; isSiteAdmin: boolean; locale: string | undefined }): SessionLaunch {
  return {
    direct: true,
    platformId: '',
    issuer: o.issuer,
    clientId: o.clientId,
    deploymentId: '',
    contextId: '',
    // Required by the LTI-shaped schema; with no course, neither is ever read (actorFromSession ignores the role).
    messageType: 'LtiResourceLinkRequest',
    role: 'viewer',
    isSiteAdmin: o.isSiteAdmin,
    locale: o.locale,
    services: {},
  };
}

export function isDirectSession(session: Pick<Session, 'courseId' | 'launch'> | undefined): boolean {
  return session !== undefined && session.courseId === null && session.launch.direct === true;
}
