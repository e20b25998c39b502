// Use cases of the terms of use: publish a version (admin), read, accept or decline (every user), and
// the admin's summary and policy. Each change and its audit event commit together.
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { ConflictError, UnauthenticatedError } from '../http/errors.js';
import { parseInput } from '../http/validate.js';
import { recordAudit } from './audit.js';
import { loadTermsPolicy, saveTermsPolicy, termsAudiences, termsPolicySchema, type TermsPolicy } from './terms-policy.js';
import { findAcceptance, findLatestVersion, insertAcceptance, insertVersion, listVersionSummaries, type TermsVersion, type VersionSummary } from './terms.repo.js';

export type TermsDeps = { db: Db; now: () => Date };
type Meta = { ip?: string | null };

const body = z.string().trim().min(1, 'is required').max(100_000, 'is too long (100,000 characters at most)');
const checkbox = z.union([z.literal('on'), z.literal('true'), z.literal('1')]).optional().transform((v) => v !== undefined);
export const publishInput = z.object({ bodyFi: body, bodySv: body, bodyEn: body, requiresAcceptance: checkbox });
export const policyInput = z.object({
  mustAccept: z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(z.enum(termsAudiences))),
  supportContact: z.string().trim().max(500, 'is too long (500 characters at most)').default(''),
});

function userIdOf(actor: Actor): string {
  if (actor.kind !== 'user') throw new UnauthenticatedError();
  return actor.userId;
}

export async function publishTerms(deps: TermsDeps, actor: Actor, input: unknown, meta: Meta = {}): Promise<TermsVersion> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const p = parseInput(publishInput, input);
  const publishedBy = actor.kind === 'user' ? actor.userId : null;
  return deps.db.transaction().execute(async (trx) => {
    const v = await insertVersion(trx, { bodies: { fi: p.bodyFi, sv: p.bodySv, en: p.bodyEn }, requiresAcceptance: p.requiresAcceptance, publishedBy, now: deps.now() });
    await recordAudit(trx, { action: 'terms.published', actorId: publishedBy, subject: { kind: 'terms', id: String(v.version) }, details: { requiresAcceptance: v.requiresAcceptance }, ip: meta.ip, at: deps.now() });
    return v;
  });
}

/** The current (newest) version; anyone may read it. */
export async function readCurrentTerms(deps: TermsDeps): Promise<TermsVersion | undefined> {
  return findLatestVersion(deps.db);
}

/** The version to accept, and when this user accepted it (if they did). */
export async function readTermsToAccept(deps: TermsDeps, actor: Actor): Promise<{ terms: TermsVersion | undefined; acceptedAt: Date | undefined; hasAcceptedEarlier: boolean }> {
  const userId = userIdOf(actor);
  const terms = await findLatestVersion(deps.db);
  if (!terms) return { terms, acceptedAt: undefined, hasAcceptedEarlier: false };
  const accepted = await findAcceptance(deps.db, userId, terms.version);
  return { terms, acceptedAt: accepted.at, hasAcceptedEarlier: accepted.latestVersion !== null };
}

/** Accepting is always of the version the person read: if a newer one appeared meanwhile, they must read that. */
async function requireLatest(deps: TermsDeps, version: number): Promise<TermsVersion> {
  const latest = await findLatestVersion(deps.db);
  if (!latest || latest.version !== version) throw new ConflictError(`Terms version ${version} is not the current version${latest ? ` (${latest.version} is)` : ''}; reload the page and read the current terms`, 'terms_changed');
  return latest;
}

export async function acceptTerms(deps: TermsDeps, actor: Actor, opts: { version: number } & Meta): Promise<void> {
  const userId = userIdOf(actor);
  await requireLatest(deps, opts.version);
  await deps.db.transaction().execute(async (trx) => {
    const isNew = await insertAcceptance(trx, { userId, version: opts.version, now: deps.now() });
    if (isNew) await recordAudit(trx, { action: 'terms.accepted', actorId: userId, subject: { kind: 'terms', id: String(opts.version) }, ip: opts.ip, at: deps.now() });
  });
}

export async function declineTerms(deps: TermsDeps, actor: Actor, opts: { version: number } & Meta): Promise<void> {
  const userId = userIdOf(actor);
  await requireLatest(deps, opts.version);
  await recordAudit(deps.db, { action: 'terms.declined', actorId: userId, subject: { kind: 'terms', id: String(opts.version) }, ip: opts.ip, at: deps.now() });
}

export async function readTermsAdmin(deps: TermsDeps, actor: Actor): Promise<{ versions: VersionSummary[]; latest: TermsVersion | undefined; policy: TermsPolicy }> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const [versions, latest, policy] = await Promise.all([listVersionSummaries(deps.db), findLatestVersion(deps.db), loadTermsPolicy(deps.db)]);
  return { versions, latest, policy };
}

export async function changeTermsPolicy(deps: TermsDeps, actor: Actor, input: unknown, meta: Meta = {}): Promise<TermsPolicy> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const next = termsPolicySchema.parse(parseInput(policyInput, input));
  await deps.db.transaction().execute(async (trx) => {
    const before = await loadTermsPolicy(trx);
    await saveTermsPolicy(trx, next);
    await recordAudit(trx, { action: 'settings.changed', actorId: actor.kind === 'user' ? actor.userId : null, subject: { kind: 'site', id: 'terms.policy' }, details: { before, after: next }, ip: meta.ip, at: deps.now() });
  });
  return next;
}
