// The demo LMS's identity: its own RSA key (kept encrypted in app_settings), its fixed course and users,
// and its registration in Luento's platforms table as an active platform.
import { importPKCS8, type CryptoKey, type JWK } from 'jose';
import type { Db } from '../db/database.js';
import { generateRsaKey } from '../lti/tool-keys.js';
import { decryptSecret, deriveKey, encryptSecret } from '../lti/secret-box.js';
import { upsertPlatform, type Platform } from '../lti/platforms.repo.js';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2';
export const DEMO_CLIENT_ID = 'luento-demo-client';
export const DEMO_DEPLOYMENT_ID = 'demo-deployment-1';
export const DEMO_COURSE = { id: 'demo-course-101', title: 'Demo course: Introduction to Luento', label: 'DEMO101' };

export type DemoUser = { key: string; sub: string; givenName: string; familyName: string; email: string; locale: string; roles: string[] };

export const demoUsers: readonly DemoUser[] = [
  { key: 'teacher', sub: 'demo-teacher', givenName: 'Tuula', familyName: 'Opettaja', email: 'tuula.opettaja@demo.invalid', locale: 'fi-FI', roles: [`${LIS}/membership#Instructor`, `${LIS}/institution/person#Faculty`] },
  { key: 'student', sub: 'demo-student-1', givenName: 'Sam', familyName: 'Student', email: 'sam.student@demo.invalid', locale: 'en', roles: [`${LIS}/membership#Learner`, `${LIS}/institution/person#Student`] },
  { key: 'student2', sub: 'demo-student-2', givenName: 'Saga', familyName: 'Studerande', email: 'saga.studerande@demo.invalid', locale: 'sv-FI', roles: [`${LIS}/membership#Learner`, `${LIS}/institution/person#Student`] },
  {
    key: 'admin',
    sub: 'demo-admin',
    givenName: 'Aino',
    familyName: 'Ylläpitäjä',
    email: 'aino.yllapitaja@demo.invalid',
    locale: 'en',
    roles: [`${LIS}/institution/person#Administrator`, `${LIS}/membership#Instructor`, `${LIS}/system/person#Administrator`],
  },
];

/** The fixed people, plus numbered learners ("learner-17") for load tests that need distinct users. */
export function findDemoUser(key: string): DemoUser | undefined {
  const fixed = demoUsers.find((u) => u.key === key);
  if (fixed) return fixed;
  const n = /^learner-(\d{1,6})$/.exec(key)?.[1];
  if (!n) return undefined;
  return { key, sub: `demo-learner-${n}`, givenName: 'Learner', familyName: n, email: `learner.${n}@demo.invalid`, locale: 'en', roles: [`${LIS}/membership#Learner`] };
}

export type DemoUrls = { issuer: string; authUrl: string; tokenUrl: string; jwksUrl: string; launchUrl: string; loginUrl: string; deepLinkReturnUrl: string };

export type DemoBases = { publicUrl: string; demoBase?: string | undefined; jwksBase?: string | undefined };

/**
 * The tool's URLs come from Luento's public URL; the platform's from demoBase (by default the same, or
 * another origin so that Luento runs as a cross-site iframe); the JWKS may be fetched through another
 * address than the one Luento is named by (the local listener).
 */
export function demoUrls(b: DemoBases): DemoUrls {
  const demoBase = b.demoBase ?? b.publicUrl;
  return {
    issuer: `${demoBase}/demo`,
    authUrl: `${demoBase}/demo/auth`,
    tokenUrl: `${demoBase}/demo/lms/token.php`,
    jwksUrl: `${b.jwksBase ?? demoBase}/demo/jwks`,
    launchUrl: `${b.publicUrl}/lti/launch`,
    loginUrl: `${b.publicUrl}/lti/login`,
    deepLinkReturnUrl: `${demoBase}/demo/deep-link-return`,
  };
}

export type DemoKey = { kid: string; publicJwk: JWK; privateKey: CryptoKey };

const SETTING = 'demo_lms.key';

/** The demo platform's signing key, made on first use. */
export async function loadDemoKey(db: Db, secretKey: string): Promise<DemoKey> {
  const box = deriveKey(secretKey, 'demo-lms-key');
  let row = await db.selectFrom('app_settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  if (!row) {
    const k = await generateRsaKey();
    const value = { kid: k.kid, publicJwk: k.publicJwk, privateKeyEnc: encryptSecret(box, k.pkcs8) };
    await db.insertInto('app_settings').values({ key: SETTING, value: JSON.stringify(value) }).onConflict((oc) => oc.column('key').doNothing()).execute();
    row = await db.selectFrom('app_settings').select('value').where('key', '=', SETTING).executeTakeFirstOrThrow();
  }
  const v = row.value as { kid: string; publicJwk: JWK; privateKeyEnc: string };
  return { kid: v.kid, publicJwk: v.publicJwk, privateKey: await importPKCS8(decryptSecret(box, v.privateKeyEnc), 'RS256') };
}

/** Registers (or refreshes) the demo LMS as an active platform with its deployment. */
export async function ensureDemoPlatform(db: Db, opts: DemoBases): Promise<Platform> {
  const urls = demoUrls(opts);
  return upsertPlatform(db, {
    issuer: urls.issuer,
    clientId: DEMO_CLIENT_ID,
    name: 'Luento demo LMS',
    authUrl: urls.authUrl,
    tokenUrl: urls.tokenUrl,
    jwksUrl: urls.jwksUrl,
    status: 'active',
    source: 'demo',
    deploymentIds: [DEMO_DEPLOYMENT_ID],
  });
}
