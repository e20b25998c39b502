// The text alternative of a video: a transcript document that satisfies the caption rule and is shown
// beside the player. Uploading and removing need caption.edit; anyone who may watch may download it.
// The blob is written first and the row second, so a failed write leaves the old document in place;
// the replaced blob is deleted after the commit (a crash then leaves an orphan under the video's
// prefix, which goes with the video when it is purged).
import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { BlobStore } from '../adapters/storage/blob-store.js';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { NotFoundError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { loadVideoAccess, loadWatchableVideo } from '../videos/videos.service.js';
import { cleanFileName, detectDocument } from './text-alternative-file.js';

export type TextAlternativeDeps = { db: Db; now: () => Date; blobStore: BlobStore; log: Logger };

export type TextAlternative = { fileName: string; contentType: string; sizeBytes: number; uploadedAt: Date; uploadedByName: string | null };

export async function findTextAlternative(db: Db, videoId: string): Promise<TextAlternative | undefined> {
  const row = await db
    .selectFrom('caption_text_alternatives as a')
    .leftJoin('users as u', 'u.id', 'a.uploaded_by')
    .select(['a.file_name', 'a.content_type', 'a.size_bytes', 'a.uploaded_at', 'u.name'])
    .where('a.video_id', '=', videoId)
    .executeTakeFirst();
  return row ? { fileName: row.file_name, contentType: row.content_type, sizeBytes: Number(row.size_bytes), uploadedAt: row.uploaded_at, uploadedByName: row.name } : undefined;
}

/** The management page's data: the video and its current document. */
export async function loadTextAlternativePage(deps: TextAlternativeDeps, actor: Actor, videoId: string): Promise<{ video: { id: string; title: string }; current: TextAlternative | undefined }> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'caption.edit', resource);
  return { video: { id: video.id, title: video.title }, current: await findTextAlternative(deps.db, video.id) };
}

export async function uploadTextAlternative(deps: TextAlternativeDeps, actor: Actor, o: { videoId: string; fileName: string; bytes: Buffer }): Promise<TextAlternative> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, o.videoId);
  authorize(actor, 'caption.edit', resource);
  const kind = detectDocument(o.fileName, o.bytes);
  const fileName = cleanFileName(o.fileName, kind.ext);
  const key = `videos/${video.id}/text-alternative/${randomUUID()}.${kind.ext}`;
  await deps.blobStore.put(key, { bytes: o.bytes }, { contentType: kind.contentType });
  const userId = actor.kind === 'user' ? actor.userId : null;
  let replacedKey: string | undefined;
  try {
    replacedKey = await deps.db.transaction().execute(async (tx) => {
      const old = await tx.selectFrom('caption_text_alternatives').select('blob_key').where('video_id', '=', video.id).forUpdate().executeTakeFirst();
      const values = { file_name: fileName, content_type: kind.contentType, blob_key: key, size_bytes: o.bytes.length, uploaded_by: userId, uploaded_at: deps.now() };
      await tx
        .insertInto('caption_text_alternatives')
        .values({ video_id: video.id, ...values })
        .onConflict((oc) => oc.column('video_id').doUpdateSet(values))
        .execute();
      return old?.blob_key;
    });
  } catch (err) {
    await deps.blobStore.delete(key).catch(() => 0);
    throw err;
  }
  if (replacedKey && replacedKey !== key) await deleteQuietly(deps, replacedKey);
  deps.log.info({ videoId: video.id, fileName, bytes: o.bytes.length, type: kind.ext }, 'text alternative uploaded');
  return (await findTextAlternative(deps.db, video.id))!;
}

export async function removeTextAlternative(deps: TextAlternativeDeps, actor: Actor, videoId: string): Promise<void> {
  const { video, resource } = await loadVideoAccess(deps.db, actor, videoId);
  authorize(actor, 'caption.edit', resource);
  const row = await deps.db.deleteFrom('caption_text_alternatives').where('video_id', '=', video.id).returning('blob_key').executeTakeFirst();
  if (!row) throw new NotFoundError('This video has no text alternative');
  await deleteQuietly(deps, row.blob_key);
  deps.log.info({ videoId: video.id }, 'text alternative removed');
}

async function deleteQuietly(deps: TextAlternativeDeps, key: string): Promise<void> {
  try {
    await deps.blobStore.delete(key);
  } catch (err) {
    deps.log.warn({ err, key }, 'an old text alternative could not be deleted from storage; it goes with the video when it is purged');
  }
}

export type TextAlternativeDownload = { fileName: string; contentType: string; size: number; stream: Readable };

/** The document for anyone who may watch the video (an embed session naming it included). */
export async function openTextAlternative(deps: TextAlternativeDeps, actor: Actor, o: { videoId: string; embedVideoId: string | undefined }): Promise<TextAlternativeDownload> {
  const { video } = await loadWatchableVideo(deps.db, actor, o.videoId, o.embedVideoId);
  const row = await deps.db.selectFrom('caption_text_alternatives').select(['file_name', 'content_type', 'blob_key']).where('video_id', '=', video.id).executeTakeFirst();
  if (!row) throw new NotFoundError('This video has no text alternative');
  const blob = await deps.blobStore.get(row.blob_key);
  return { fileName: row.file_name, contentType: row.content_type, size: blob.size, stream: blob.stream };
}
