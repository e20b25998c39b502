// Confirming the rights-and-consent statement for a video after upload (one that has none, or an older
// version), by its owner or a co-editor.
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import { BadRequestError } from '../http/errors.js';
import { loadVideoAccess } from '../videos/videos.service.js';
import { insertAttestation } from './attestation.repo.js';
import { auditAttestation, checkConfirmedVersion, type AttestationDeps } from './attestation-checks.js';

/** The owner or a co-editor confirms the statement for a video that has none (or an older version). */
export async function attestVideo(deps: AttestationDeps, actor: Actor, input: { videoId: string; confirmed: boolean; version: string | undefined }): Promise<void> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, input.videoId);
  authorize(actor, 'video.edit', resource);
  if (actor.kind !== 'user') throw new BadRequestError('Only a person can confirm the statement');
  if (!input.confirmed) throw new BadRequestError('Tick the box to confirm the statement', undefined, 'attestation_required');
  const version = await checkConfirmedVersion(deps.attestation, input.version);
  await deps.db.transaction().execute(async (tx) => {
    const a = { videoId: video.id, userId: actor.userId, version };
    if (await insertAttestation(tx, a)) await auditAttestation(tx, a);
  });
}
