// Saving an automatic draft without ever replacing a person's work: under the track's row lock, a
// track whose current version was uploaded or edited, or that a person reviewed, is left as it is.
import type { Db } from '../db/database.js';
import { saveCaptionVersion } from './captions.repo.js';

export type AsrDraft = { videoId: string; language: string; vtt: string; cueCount: number; now: Date };

/** True when the draft was saved; false when a person-made track was kept instead. */
export async function saveAsrDraft(db: Db, d: AsrDraft): Promise<boolean> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom('caption_tracks')
      .select(['source', 'reviewed_at'])
      .where('video_id', '=', d.videoId)
      .where('language', '=', d.language)
      .forUpdate()
      .executeTakeFirst();
    if (existing && (existing.source !== 'asr' || existing.reviewed_at !== null)) return false;
    await saveCaptionVersion(tx, { videoId: d.videoId, language: d.language, source: 'asr', vtt: d.vtt, cueCount: d.cueCount, userId: null, now: d.now });
    return true;
  });
}
