// The admin's caption policy: read and change it. A change is audited ('settings.changed') in the same
// transaction as the write, with the values before and after.
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { recordAudit } from '../governance/audit.js';
import { CAPTION_SETTINGS_KEY, captionSettingsSchema, loadCaptionSettings, saveCaptionSettings, type CaptionSettings } from './caption-settings.js';
import { parseInput } from '../http/validate.js';

export async function readCaptionSettings(db: Db, actor: Actor): Promise<CaptionSettings> {
  authorize(actor, 'admin.site', { kind: 'site' });
  return loadCaptionSettings(db);
}

/** Validates the form against the stored values (fields left out keep theirs) and saves it. */
export async function changeCaptionSettings(deps: { db: Db; now: () => Date }, actor: Actor, input: Partial<Record<keyof CaptionSettings, unknown>>): Promise<CaptionSettings> {
  authorize(actor, 'admin.site', { kind: 'site' });
  return deps.db.transaction().execute(async (tx) => {
    const before = await loadCaptionSettings(tx);
    const next = parseInput(captionSettingsSchema, { ...before, ...input });
    await saveCaptionSettings(tx, next);
    await recordAudit(tx, {
      action: 'settings.changed',
      actorId: actor.kind === 'user' ? actor.userId : null,
      subject: { kind: 'site', id: CAPTION_SETTINGS_KEY },
      details: { key: CAPTION_SETTINGS_KEY, before, after: next },
      at: deps.now(),
    });
    return next;
  });
}
