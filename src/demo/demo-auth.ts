// The demo LMS's OIDC authorization endpoint (LTI Security Framework 1.0 §5.1.1.2–3): it checks the
// tool's auth request like Moodle does, then signs an id_token shaped like Moodle 4.5's (LTI-NOTES).
import { SignJWT } from 'jose';
import { z } from 'zod';
import { BadRequestError } from '../http/errors.js';
import { demoLaunchServiceClaims } from './demo-services-mount.js';
import { DEMO_CLIENT_ID, DEMO_COURSE, DEMO_DEPLOYMENT_ID, findDemoUser, type DemoKey, type DemoUrls } from './demo-platform.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

export const authRequest = z.object({
  scope: z.literal('openid'),
  response_type: z.literal('id_token'),
  response_mode: z.literal('form_post'),
  prompt: z.literal('none'),
  client_id: z.literal(DEMO_CLIENT_ID),
  redirect_uri: z.string(),
  login_hint: z.string().min(1),
  lti_message_hint: z.string().min(1),
  state: z.string().min(1),
  nonce: z.string().min(1),
});

/** What the demo page asks for, carried through the login in lti_message_hint. */
export const messageHint = z.object({
  m: z.enum(['resource', 'deeplink']),
  c: z.string().regex(/^[\w.-]{1,64}$/).default(DEMO_COURSE.id),
  custom: z.record(z.string(), z.string()).optional(),
  target: z.string().optional(),
  title: z.string().max(200).optional(),
});
export type MessageHint = z.infer<typeof messageHint>;

export function parseAuthRequest(input: unknown, urls: DemoUrls): { req: z.infer<typeof authRequest>; hint: MessageHint } {
  const r = authRequest.safeParse(input);
  if (!r.success) throw new BadRequestError(`Demo LMS: bad authentication request: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  if (r.data.redirect_uri !== urls.launchUrl) throw new BadRequestError(`Demo LMS: redirect_uri ${r.data.redirect_uri} is not the registered ${urls.launchUrl}`);
  let hint: unknown;
  try {
    hint = JSON.parse(r.data.lti_message_hint);
  } catch {
    throw new BadRequestError('Demo LMS: lti_message_hint is not the one the demo sent');
  }
  const h = messageHint.safeParse(hint);
  if (!h.success) throw new BadRequestError('Demo LMS: lti_message_hint is not the one the demo sent');
  return { req: r.data, hint: h.data };
}

function courseTitle(contextId: string): string {
  return contextId === DEMO_COURSE.id ? DEMO_COURSE.title : `Demo course (${contextId})`;
}

export async function signDemoIdToken(opts: { key: DemoKey; urls: DemoUrls; req: z.infer<typeof authRequest>; hint: MessageHint; now: Date }): Promise<string> {
  const { urls, req, hint } = opts;
  const user = findDemoUser(req.login_hint);
  if (!user) throw new BadRequestError(`Demo LMS: unknown user ${req.login_hint}`);
  const iat = Math.floor(opts.now.getTime() / 1000);
  const isDeepLink = hint.m === 'deeplink';
  const claims: Record<string, unknown> = {
    nonce: req.nonce,
    azp: DEMO_CLIENT_ID,
    given_name: user.givenName,
    family_name: user.familyName,
    name: `${user.givenName} ${user.familyName}`,
    email: user.email,
    [`${LTI}deployment_id`]: DEMO_DEPLOYMENT_ID,
    [`${LTI}message_type`]: isDeepLink ? 'LtiDeepLinkingRequest' : 'LtiResourceLinkRequest',
    [`${LTI}version`]: '1.3.0',
    [`${LTI}target_link_uri`]: hint.target ?? urls.launchUrl,
    [`${LTI}roles`]: user.roles,
    [`${LTI}context`]: { id: hint.c, label: hint.c === DEMO_COURSE.id ? DEMO_COURSE.label : hint.c, title: courseTitle(hint.c), type: ['http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering'] },
    [`${LTI}lis`]: { person_sourcedid: '', course_section_sourcedid: '' },
    [`${LTI}launch_presentation`]: { locale: user.locale, document_target: 'iframe', return_url: `${urls.issuer}` },
    [`${LTI}tool_platform`]: { product_family_code: 'luento-demo', version: '1', guid: 'luento-demo', name: 'Luento demo LMS' },
    [`${LTI}custom`]: hint.custom ?? {},
    [`${LTI}ext`]: { user_username: user.key, lms: 'luento-demo' },
    // The NRPS and AGS claims point at the demo's services (src/demo/services), as Moodle's do at its own.
    ...demoLaunchServiceClaims(urls.issuer.replace(/\/demo$/, ''), hint.c),
  };
  if (isDeepLink)
    claims['https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings'] = {
      deep_link_return_url: urls.deepLinkReturnUrl,
      accept_types: ['ltiResourceLink'],
      accept_presentation_document_targets: ['iframe', 'window'],
      accept_multiple: true,
      auto_create: true,
      data: `demo-dl-${iat}`,
    };
  else claims[`${LTI}resource_link`] = { id: `demo-link-${hint.c}-${hint.title ?? 'course'}`, title: hint.title ?? 'Luento course videos' };
  // Moodle's id_token lives 60 s (LTI-NOTES); the demo does the same.
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: opts.key.kid, typ: 'JWT' })
    .setIssuer(urls.issuer)
    .setAudience(DEMO_CLIENT_ID)
    .setSubject(user.sub)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 60)
    .sign(opts.key.privateKey);
}
