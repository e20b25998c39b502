// The admin's side of the rights-and-consent statement: every version with its texts and how many videos
// were attested under it, and publishing a new version (checked, previewed, then published and audited
// in one transaction). A published version becomes current for new uploads at once in this process and
// within seconds in the others (attestation-current.ts); videos attested under older versions stay valid.
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import type { Locale } from '../i18n/define-messages.js';
import type { CurrentAttestation } from './attestation-current.js';
import { findStatement, insertStatement, listStatementSummaries, type StatementSummary } from './attestation.repo.js';
import { recordAudit } from './audit.js';

export type AttestationAdminDeps = { db: Db; now: () => Date; attestation: CurrentAttestation };
export type DraftField = 'version' | 'textFi' | 'textSv' | 'textEn';
export type DraftError = { field: DraftField; code: 'required' | 'tooLong' | 'versionFormat' | 'versionTaken' };
/** What the admin entered (trimmed, line breaks normalised), kept even when invalid so the form shows it again. */
export type Draft = { version: string; texts: Record<Locale, string> };
export type DraftCheck = { draft: Draft; errors: DraftError[] };

const VERSION = /^[A-Za-z0-9._-]{1,40}$/;
/** The database's limit on each text (migration 065). */
const MAX_TEXT = 4000;
const textFields = { fi: 'textFi', sv: 'textSv', en: 'textEn' } as const satisfies Record<Locale, DraftField>;

/** Pure: the draft and what is wrong with it, except a taken name (that needs the database). */
export function checkDraft(input: unknown): DraftCheck {
  const raw = typeof input === 'object' && input !== null ? (input as Record<string, unknown>) : {};
  const str = (v: unknown) => (typeof v === 'string' ? v.replace(/\r\n?/g, '\n').trim() : '');
  const draft: Draft = { version: str(raw.version), texts: { fi: str(raw.textFi), sv: str(raw.textSv), en: str(raw.textEn) } };
  const errors: DraftError[] = [];
  if (!VERSION.test(draft.version)) errors.push({ field: 'version', code: draft.version ? 'versionFormat' : 'required' });
  for (const [locale, field] of Object.entries(textFields) as Array<[Locale, DraftField]>) {
    const text = draft.texts[locale];
    if (!text) errors.push({ field, code: 'required' });
    else if ([...text].length > MAX_TEXT) errors.push({ field, code: 'tooLong' });
  }
  return { draft, errors };
}

async function checkDraftAgainstDb(db: Db, input: unknown): Promise<DraftCheck> {
  const check = checkDraft(input);
  const isNameValid = !check.errors.some((e) => e.field === 'version');
  if (isNameValid && (await findStatement(db, check.draft.version))) check.errors.unshift({ field: 'version', code: 'versionTaken' });
  return check;
}

/** A free name for the next version, such as 2027-01-v3: the admin may change it. */
function suggestVersion(versions: StatementSummary[], now: Date): string {
  const month = now.toISOString().slice(0, 7);
  const taken = new Set(versions.map((v) => v.version));
  let n = versions.length + 1;
  while (taken.has(`${month}-v${n}`)) n++;
  return `${month}-v${n}`;
}

export async function readAttestationAdmin(deps: AttestationAdminDeps, actor: Actor): Promise<{ versions: StatementSummary[]; currentVersion: string; suggestedVersion: string }> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const [versions, current] = await Promise.all([listStatementSummaries(deps.db), deps.attestation.current()]);
  return { versions, currentVersion: current.version, suggestedVersion: suggestVersion(versions, deps.now()) };
}

/** Checks a new version before it is shown for confirmation; nothing is written. */
export async function previewStatement(deps: AttestationAdminDeps, actor: Actor, input: unknown): Promise<DraftCheck> {
  authorize(actor, 'admin.site', { kind: 'site' });
  return checkDraftAgainstDb(deps.db, input);
}

/** Publishes a checked version with its audit event; `published` false (and errors) when the draft is not valid. */
export async function publishStatement(deps: AttestationAdminDeps, actor: Actor, input: unknown, meta: { ip?: string | null } = {}): Promise<DraftCheck & { published: boolean }> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const check = await checkDraftAgainstDb(deps.db, input);
  if (check.errors.length > 0) return { ...check, published: false };
  const previous = (await deps.attestation.current()).version;
  const actorId = actor.kind === 'user' ? actor.userId : null;
  const published = await deps.db.transaction().execute(async (tx) => {
    // A name taken between the check and now (two admins at once) is reported like any taken name.
    if (!(await insertStatement(tx, check.draft))) return false;
    await recordAudit(tx, { action: 'attestation.published', actorId, subject: { kind: 'attestation', id: check.draft.version }, details: { previous }, ip: meta.ip, at: deps.now() });
    return true;
  });
  if (!published) return { ...check, errors: [{ field: 'version', code: 'versionTaken' }], published };
  deps.attestation.forget();
  return { ...check, published };
}
