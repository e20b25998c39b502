// The rules of the rights-and-consent statement that other features call (upload, publication): which
// version uploads confirm (the newest published one, from CurrentAttestation), its text in the reader's
// language, and that nothing unconfirmed is published. Imports no service, so videos can call it.
import type { Db } from '../db/database.js';
import { ConflictError } from '../http/errors.js';
import type { Locale } from '../i18n/define-messages.js';
import type { CurrentAttestation } from './attestation-current.js';
import { hasAttestation } from './attestation.repo.js';
import { recordAudit } from './audit.js';

export type AttestationDeps = { db: Db; attestation: CurrentAttestation };

export class AttestationMissingError extends ConflictError {
  constructor() {
    super(
      'This video cannot be published: nobody has confirmed the rights and consent statement for it. The owner or a co-editor must confirm it on the video’s ownership page first.',
      'attestation_missing',
    );
  }
}

export async function statementText(source: CurrentAttestation, locale: Locale): Promise<{ version: string; text: string }> {
  const s = await source.current();
  return { version: s.version, text: s.texts[locale] };
}

/**
 * A client that shows the statement sends the version it showed; an older one must be read again.
 * Returns the current version, the one to record.
 */
export async function checkConfirmedVersion(source: CurrentAttestation, confirmed: string | undefined): Promise<string> {
  const { version } = await source.current();
  if (confirmed !== undefined && confirmed !== version)
    throw new ConflictError('The rights and consent statement changed while the page was open; reload the page, read it again and confirm it', 'attestation_version_changed');
  return version;
}

/** Called by publication: a video nobody confirmed the statement for is not published. */
export async function assertVideoAttested(db: Db, videoId: string): Promise<void> {
  if (!(await hasAttestation(db, videoId))) throw new AttestationMissingError();
}

/** The audit event of an upload's confirmation, written in the transaction that stores it. */
export async function auditAttestation(tx: Db, a: { videoId: string; userId: string; version: string }): Promise<void> {
  await recordAudit(tx, { action: 'video.attested', actorId: a.userId, subject: { kind: 'video', id: a.videoId }, details: { version: a.version } });
}
