// Completes a verified direct sign-in in one transaction: finds the person (by identity; else by an
// e-mail the IdP verified that exactly one account has, so a teacher finds what they made through the
// LMS; else a new account), refuses a disabled account, keeps the profile, records the identity, audits,
// and opens the session. A refusal rolls everything back: no user, identity or session is half-written.
import type { Db } from '../../db/database.js';
import { recordAudit } from '../../governance/audit.js';
import { normalizeLocale } from '../../i18n/i18n.js';
import { createSession } from '../sessions.js';
import { directLaunch } from './direct-session.js';
import { findAccountByIdentity, findLinkableAccounts, insertDirectUser, insertIdentity, touchIdentity, updateUserFromIdp, type SignInAccount } from './identities.repo.js';
import { SignInRefusedError } from './sign-in-errors.js';
import type { IdpProfile, StaffAccess } from './staff-claims.js';

export type DirectSignIn = { issuer: string; clientId: string; profile: IdpProfile; access: StaffAccess; now: Date; idleMs: number };
export type LinkedBy = 'identity' | 'email' | 'new';
export type CompletedSignIn = { sessionToken: string; userId: string; linkedBy: LinkedBy; locale: string | undefined };

async function resolveAccount(trx: Db, s: DirectSignIn): Promise<{ account: SignInAccount | undefined; linkedBy: LinkedBy }> {
  const known = await findAccountByIdentity(trx, { issuer: s.issuer, sub: s.profile.sub });
  if (known) return { account: known, linkedBy: 'identity' };
  // Only an address the IdP verified links accounts; an unverified one could be anybody's.
  if (s.profile.isEmailVerified && s.profile.email) {
    const candidates = await findLinkableAccounts(trx, { issuer: s.issuer, email: s.profile.email });
    if (candidates.length === 1) return { account: candidates[0], linkedBy: 'email' };
  }
  return { account: undefined, linkedBy: 'new' };
}

async function signInOnce(db: Db, s: DirectSignIn): Promise<CompletedSignIn> {
  const { profile, access } = s;
  return db.transaction().execute(async (trx) => {
    const { account: found, linkedBy } = await resolveAccount(trx, s);
    if (found?.isDisabled) throw new SignInRefusedError('user_disabled', 'This account has been disabled by a site administrator', { userId: found.userId, sub: profile.sub });
    // The admin claim promotes; it never demotes an admin that an LMS launch made (its next launch decides).
    const siteRole = access.isSiteAdmin ? 'admin' : (found?.siteRole ?? 'user');
    const account = found ?? (await insertDirectUser(trx, { sub: profile.sub, name: profile.name, email: profile.email, locale: profile.locale, siteRole, now: s.now }));
    if (found) await updateUserFromIdp(trx, { userId: found.userId, name: profile.name, email: profile.email, locale: profile.locale, siteRole, now: s.now });
    if (linkedBy === 'identity') await touchIdentity(trx, { issuer: s.issuer, sub: profile.sub, now: s.now });
    else if (!(await insertIdentity(trx, { issuer: s.issuer, sub: profile.sub, userId: account.userId, now: s.now }))) throw new ConcurrentSignIn();
    const userId = account.userId;
    const audit = { actorId: userId, subject: { kind: 'user' as const, id: userId }, at: s.now };
    await recordAudit(trx, { ...audit, action: 'auth.oidc.login', reason: linkedBy, details: { issuer: s.issuer, isSiteAdmin: access.isSiteAdmin } });
    if (found && found.siteRole !== siteRole)
      await recordAudit(trx, { ...audit, action: 'role.changed', actorId: null, reason: 'oidc_login', details: { siteAdmin: { from: false, to: true }, issuer: s.issuer } });
    // The person's own choice of language wins over the IdP's; with neither, the browser's (localeMiddleware).
    const locale = normalizeLocale(account.preferredLocale) ?? normalizeLocale(profile.locale);
    const launch = directLaunch({ issuer: s.issuer, clientId: s.clientId, isSiteAdmin: access.isSiteAdmin, locale });
    const sessionToken = await createSession(trx, { userId, courseId: null, launch, now: s.now, idleMs: s.idleMs });
    return { sessionToken, userId, linkedBy, locale };
  });
}

/** Two first sign-ins of one identity at once: the loser's transaction rolls back and it tries once more. */
class ConcurrentSignIn extends Error {}

export async function completeDirectSignIn(db: Db, s: DirectSignIn): Promise<CompletedSignIn> {
  try {
    return await signInOnce(db, s);
  } catch (err) {
    if (!(err instanceof ConcurrentSignIn)) throw err;
    return signInOnce(db, s);
  }
}
