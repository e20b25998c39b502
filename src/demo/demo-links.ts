// Resource links the demo LMS received through Deep Linking, kept in app_settings (demo data only).
import { createLocalJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { BadRequestError } from '../http/errors.js';
import type { ToolKeys } from '../lti/tool-keys.js';
import { DEMO_CLIENT_ID, DEMO_DEPLOYMENT_ID, type DemoUrls } from './demo-platform.js';

const SETTING = 'demo_lms.links';
const DL = 'https://purl.imsglobal.org/spec/lti-dl/claim/';
const LTI = 'https://purl.imsglobal.org/spec/lti/claim/';

export const demoLink = z.object({ id: z.number(), title: z.string(), url: z.string(), custom: z.record(z.string(), z.string()) });
export type DemoLink = z.infer<typeof demoLink>;

const contentItem = z.object({ type: z.string(), title: z.string().optional(), url: z.string().optional(), custom: z.record(z.string(), z.string()).optional() });

export async function listDemoLinks(db: Db): Promise<DemoLink[]> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  const parsed = z.array(demoLink).safeParse(row?.value ?? []);
  return parsed.success ? parsed.data : [];
}

async function saveDemoLinks(db: Db, links: DemoLink[]): Promise<void> {
  const value = JSON.stringify(links);
  await db.insertInto('app_settings').values({ key: SETTING, value }).onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: new Date() })).execute();
}

export type DeepLinkReceipt = { items: Array<z.infer<typeof contentItem>>; data: string | undefined; kid: string | undefined; added: DemoLink[] };

/**
 * Verifies a Deep Linking response like a platform must (Deep Linking 2.0 §4.5): signed by a key in
 * the tool's JWKS, issued by the tool's client id, addressed to this platform, the right deployment.
 */
export async function receiveDeepLinkResponse(deps: { db: Db; toolKeys: ToolKeys; urls: DemoUrls; now: Date }, jwt: string | undefined): Promise<DeepLinkReceipt> {
  if (!jwt) throw new BadRequestError('Demo LMS: the Deep Linking response has no JWT field');
  const jwks = createLocalJWKSet(await deps.toolKeys.jwks());
  let verified;
  try {
    verified = await jwtVerify(jwt, jwks, { algorithms: ['RS256'], issuer: DEMO_CLIENT_ID, audience: deps.urls.issuer, currentDate: deps.now, clockTolerance: 10 });
  } catch (err) {
    throw new BadRequestError(`Demo LMS: the Deep Linking response does not verify against Luento's JWKS: ${(err as Error).message}`);
  }
  const p = verified.payload;
  if (p[`${LTI}message_type`] !== 'LtiDeepLinkingResponse' || p[`${LTI}version`] !== '1.3.0' || p[`${LTI}deployment_id`] !== DEMO_DEPLOYMENT_ID)
    throw new BadRequestError('Demo LMS: the Deep Linking response has a wrong message type, version or deployment');
  const items = z.array(contentItem).safeParse(p[`${DL}content_items`] ?? []);
  if (!items.success) throw new BadRequestError('Demo LMS: content_items is malformed');
  const links = await listDemoLinks(deps.db);
  let next = links.reduce((m, l) => Math.max(m, l.id), 0) + 1;
  const added = items.data.filter((i) => i.type === 'ltiResourceLink').map((i) => ({ id: next++, title: i.title ?? 'Luento video', url: i.url ?? deps.urls.launchUrl, custom: i.custom ?? {} }));
  await saveDemoLinks(deps.db, [...links, ...added]);
  return { items: items.data, data: typeof p[`${DL}data`] === 'string' ? (p[`${DL}data`] as string) : undefined, kid: verified.protectedHeader.kid, added };
}
