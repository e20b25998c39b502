// Deep Linking 2.0 (§4.5): the instructor picks videos; Luento answers with ltiResourceLink items, each
// carrying a tool-signed embed token, in a JWT signed by the tool key and posted to deep_link_return_url.
import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { SessionLaunch } from '../auth/sessions.js';
import type { CatalogVideo, VideoCatalog } from '../courses/video-catalog.js';
import { BadRequestError, ForbiddenError } from '../http/errors.js';
import { EMBED_CUSTOM_KEY, EMBED_PATH, type EmbedTokens } from './embed-token.js';
import type { SigningKey } from './tool-keys.js';

const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

export type ContentItem = { type: 'ltiResourceLink'; title: string; url: string; custom: Record<string, string> };

function deepLinkOf(launch: SessionLaunch | undefined): NonNullable<SessionLaunch['deepLink']> {
  if (!launch?.deepLink) throw new ForbiddenError('This page opens only from a Deep Linking launch (adding content in the LMS)', 'not_deep_linking');
  return launch.deepLink;
}

export async function listPickerVideos(deps: { catalog: VideoCatalog }, actor: Actor, opts: { courseId: string; launch: SessionLaunch | undefined }) {
  authorize(actor, 'deepLink.pick', { kind: 'course', courseId: opts.courseId });
  const deepLink = deepLinkOf(opts.launch);
  const userId = actor.kind === 'user' ? actor.userId : '';
  return { videos: await deps.catalog.listPickable({ courseId: opts.courseId, userId }), acceptMultiple: deepLink.acceptMultiple };
}

export async function buildContentItems(deps: { catalog: VideoCatalog; embedTokens: EmbedTokens; publicUrl: string }, opts: { picked: CatalogVideo[] }): Promise<ContentItem[]> {
  return Promise.all(
    opts.picked.map(async (v) => ({
      type: 'ltiResourceLink' as const,
      title: v.title,
      url: `${deps.publicUrl}${EMBED_PATH}`,
      custom: { [EMBED_CUSTOM_KEY]: await deps.embedTokens.sign(v.id) },
    })),
  );
}

export type DeepLinkAnswer = { returnUrl: string; jwt: string; items: ContentItem[] };

/** Checks the choice against what the instructor may embed and signs the response. */
export async function answerDeepLink(
  deps: { catalog: VideoCatalog; embedTokens: EmbedTokens; publicUrl: string; signingKey: () => Promise<SigningKey>; now: Date },
  actor: Actor,
  opts: { courseId: string; launch: SessionLaunch | undefined; videoIds: string[] },
): Promise<DeepLinkAnswer> {
  authorize(actor, 'deepLink.pick', { kind: 'course', courseId: opts.courseId });
  const launch = opts.launch as SessionLaunch;
  const deepLink = deepLinkOf(launch);
  if (!deepLink.acceptTypes.includes('ltiResourceLink')) throw new BadRequestError('The LMS does not accept LTI resource links here');
  if (opts.videoIds.length > 1 && !deepLink.acceptMultiple) throw new BadRequestError('The LMS accepts only one item here: choose one video');
  const userId = actor.kind === 'user' ? actor.userId : '';
  const pickable = await deps.catalog.listPickable({ courseId: opts.courseId, userId });
  const picked = opts.videoIds.map((id) => pickable.find((v) => v.id === id));
  if (picked.some((v) => !v)) throw new ForbiddenError('One of the chosen videos cannot be embedded by you', 'video_not_pickable');
  const items = await buildContentItems(deps, { picked: picked as CatalogVideo[] });
  const key = await deps.signingKey();
  const iat = Math.floor(deps.now.getTime() / 1000);
  const claims: Record<string, unknown> = {
    nonce: randomUUID(),
    [`${LTI}deployment_id`]: launch.deploymentId,
    [`${LTI}message_type`]: 'LtiDeepLinkingResponse',
    [`${LTI}version`]: '1.3.0',
    [`${DL}content_items`]: items,
  };
  // §4.5.1: the data claim must come back exactly as the platform sent it.
  if (deepLink.data !== undefined) claims[`${DL}data`] = deepLink.data;
  const jwt = await new SignJWT(claims)
    .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
    .setIssuer(launch.clientId)
    .setAudience(launch.issuer)
    .setIssuedAt(iat)
    .setExpirationTime(iat + 300)
    .setJti(randomUUID())
    .sign(key.privateKey);
  return { returnUrl: deepLink.returnUrl, jwt, items };
}
