// The ids of videos a moderator has hidden, kept in memory by every web process.
//
// Why: media URLs carry a stateless token (src/videos/media-token.ts) that is checked without a database
// query, so a player, an embed or a copied link keeps fetching playlists, segments and captions until the
// token expires (minutes). A takedown must stop that at once, yet one query per segment request would
// undo what the stateless token buys. So each process holds the (small) set of taken-down ids: loaded at
// start, reloaded in full every few seconds (so a takedown or a restore made by another process applies
// within `refreshMs`), and changed immediately in the process that made the decision. The media route
// checks it on every request (a Set lookup). If a reload fails, the last known set stays in force.
// Limits: S3 presigned URLs already handed out in a playlist stay valid until they expire (they never
// pass through us); the next playlist or token request is refused.
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import { listTakedownIds } from './moderation.repo.js';

export type TakedownSet = {
  has: (videoId: string) => boolean;
  add: (videoId: string) => void;
  remove: (videoId: string) => void;
  refresh: () => Promise<void>;
  stop: () => void;
};

export async function createTakedownSet(opts: { db: Db; log: Logger; refreshMs?: number }): Promise<TakedownSet> {
  let ids = new Set<string>();
  // Local decisions since the reload started win over what that reload read (it may predate them).
  let generation = 0;
  const refresh = async () => {
    const started = generation;
    const loaded = new Set(await listTakedownIds(opts.db));
    if (started === generation) ids = loaded;
  };
  await refresh();
  const timer = setInterval(() => {
    refresh().catch((err: unknown) => opts.log.warn({ err }, 'takedown list refresh failed; the last known list stays in force'));
  }, opts.refreshMs ?? 5_000);
  timer.unref();
  return {
    has: (videoId) => ids.has(videoId),
    add: (videoId) => {
      generation++;
      ids.add(videoId);
    },
    remove: (videoId) => {
      generation++;
      ids.delete(videoId);
    },
    refresh,
    stop: () => clearInterval(timer),
  };
}
