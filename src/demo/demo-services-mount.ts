// Mounts the demo LMS's LTI Advantage services (token endpoint, NRPS, AGS: src/demo/services/) for the
// demo course, so service clients can be tried against the demo exactly as against Moodle.
import { createLocalJWKSet, type JWTVerifyGetKey } from 'jose';
import type { Router } from 'express';
import type { Logger } from '../logger.js';
import type { ToolKeys } from '../lti/tool-keys.js';
import { demoServicesRouter } from './services/demo-services.router.js';
import { demoServiceClaims } from './services/demo-service-urls.js';
import { DEMO_CLIENT_ID, DEMO_COURSE, demoUsers } from './demo-platform.js';

export const DEMO_SERVICES_PATH = '/demo/lms';
export const DEMO_TOOL_TYPE_ID = 1;

export function demoServicesBase(demoBase: string): string {
  return `${demoBase}${DEMO_SERVICES_PATH}`;
}

/** The AGS and NRPS claims of a demo launch into this context. */
export function demoLaunchServiceClaims(demoBase: string, contextId: string): Record<string, unknown> {
  return demoServiceClaims({ baseUrl: demoServicesBase(demoBase), typeId: DEMO_TOOL_TYPE_ID, contextId });
}

export function mountDemoServices(opts: { demoBase: string; toolKeys: ToolKeys; log: Logger; now: () => Date }): Router {
  // The tool's keys are in this process: verify its client assertions against its JWKS directly.
  const resolveKey: JWTVerifyGetKey = async (header, token) => createLocalJWKSet(await opts.toolKeys.jwks())(header, token);
  return demoServicesRouter({
    baseUrl: demoServicesBase(opts.demoBase),
    tool: { clientId: DEMO_CLIENT_ID, keys: { resolveKey }, typeId: DEMO_TOOL_TYPE_ID },
    courses: [
      {
        ...DEMO_COURSE,
        members: demoUsers.map((u) => ({ userId: u.sub, roles: u.roles, name: `${u.givenName} ${u.familyName}`, givenName: u.givenName, familyName: u.familyName, email: u.email, status: 'Active' as const })),
      },
    ],
    log: opts.log,
    now: opts.now,
  });
}
