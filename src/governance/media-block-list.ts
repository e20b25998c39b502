// What media tokens already handed out may no longer open, kept in memory by every web process.
//
// Why: media URLs carry a stateless token (src/videos/media-token.ts) that is checked without a database
// query, so a player, an embed or a copied link keeps fetching playlists, segments and captions until the
// token expires (minutes). A takedown, a move to the trash, a purge and a disabled account must stop that
// at once, yet one query per segment request would undo what the stateless token buys. So each process
// holds the (small) lists of ids: videos taken down, videos in the trash, videos purged within the last
// `purgedWindowMs` (longer than a token lives), and disabled users. They are loaded at start, reloaded in
// full every `refreshMs` in one query (so a change made by another process, such as the lifecycle sweep
// in a worker, applies within that interval), and changed immediately in the process that made the
// decision. The media routes ask `refusalFor` on every request: a few Set lookups, no query. If a reload
// fails, the last known lists stay in force.
// Limits: S3 presigned URLs already handed out in a playlist stay valid until they expire (they never
// pass through us); the next playlist or token request is refused.
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import type { Logger } from '../logger.js';
import { loadMediaBlocks } from './media-block-list.repo.js';

export type MediaRefusal = 'taken_down' | 'trashed' | 'purged' | 'viewer_disabled';

/** What the media routes need: one answer per request, from memory. */
export type MediaBlockCheck = { refusalFor: (videoId: string, viewerId: string) => MediaRefusal | null };

export type MediaBlockList = MediaBlockCheck & {
  /** A decision made in this process applies here at once; the others follow at their next reload. */
  noteTakedown: (videoId: string, isTakenDown: boolean) => void;
  noteUserDisabled: (userId: string, isDisabled: boolean) => void;
  /** A move to the trash or a restore made in this process (the lifecycle sweep's follow at the reload). */
  noteTrashed: (videoId: string, isTrashed: boolean) => void;
  refresh: () => Promise<void>;
  stop: () => void;
};

type Lists = { takenDown: Set<string>; trashed: Set<string>; purged: Set<string>; disabledUsers: Set<string> };

export async function createMediaBlockList(opts: { db: Db; log: Logger; refreshMs?: number; purgedWindowMs?: number; now?: () => Date }): Promise<MediaBlockList> {
  const now = opts.now ?? (() => new Date());
  const purgedWindowMs = opts.purgedWindowMs ?? 3_600_000;
  let lists: Lists = { takenDown: new Set(), trashed: new Set(), purged: new Set(), disabledUsers: new Set() };
  // Local decisions since the reload started win over what that reload read (it may predate them).
  let generation = 0;
  const refresh = async () => {
    const started = generation;
    const loaded = await loadMediaBlocks(opts.db, { purgedSince: new Date(now().getTime() - purgedWindowMs) });
    if (started !== generation) return;
    lists = { takenDown: new Set(loaded.takenDown), trashed: new Set(loaded.trashed), purged: new Set(loaded.purged), disabledUsers: new Set(loaded.disabledUsers) };
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((err: unknown) => opts.log.warn({ err }, 'media block list refresh failed; the last known lists stay in force'));
  }, opts.refreshMs ?? 5_000);
  timer.unref();
  const note = (set: keyof Lists, id: string, isIn: boolean) => {
    generation++;
    if (isIn) lists[set].add(id);
    else lists[set].delete(id);
  };
  return {
    refusalFor: (videoId, viewerId) => {
      if (lists.takenDown.has(videoId)) return 'taken_down';
      if (lists.trashed.has(videoId)) return 'trashed';
      if (lists.purged.has(videoId)) return 'purged';
      return lists.disabledUsers.has(viewerId) ? 'viewer_disabled' : null;
    },
    noteTakedown: (videoId, isTakenDown) => note('takenDown', videoId, isTakenDown),
    noteUserDisabled: (userId, isDisabled) => note('disabledUsers', userId, isDisabled),
    noteTrashed: (videoId, isTrashed) => note('trashed', videoId, isTrashed),
    refresh,
    stop: () => clearInterval(timer),
  };
}

const refusals = {
  taken_down: { code: 'video_taken_down', text: 'A moderator hid this video after a report.', key: 'moderation.takenDown' },
  trashed: { code: 'video_in_trash', text: 'This video was moved to the trash, so its media links no longer work. Its owner or an administrator can restore it.', key: 'media.refused.trashed' },
  purged: { code: 'video_deleted', text: 'This video has been deleted, so its media links no longer work.', key: 'media.refused.purged' },
  viewer_disabled: { code: 'media_viewer_disabled', text: 'This account has been disabled by an administrator, so its media links no longer work.', key: 'media.refused.viewerDisabled' },
} as const;

/** The 403 a refused media request answers (logged by the error middleware with its code and video). */
export class MediaRefusedError extends AppError {
  constructor(
    readonly refusal: MediaRefusal,
    /** Both ids are in the token the requester holds already (its payload is readable), so nothing leaks. */
    ids: { videoId: string; viewerId: string },
  ) {
    const r = refusals[refusal];
    super(r.code, 403, r.text, r.key, ids);
  }
}
