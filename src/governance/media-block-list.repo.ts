// SQL of the media block list: the ids it holds, read in one round trip.
import { sql } from 'kysely';
import type { Db } from '../db/database.js';

export type MediaBlocks = { takenDown: string[]; trashed: string[]; purged: string[]; disabledUsers: string[] };

/** Videos taken down, in the trash, purged since `purgedSince`; users disabled. Each list is small. */
export async function loadMediaBlocks(db: Db, o: { purgedSince: Date }): Promise<MediaBlocks> {
  const { rows } = await sql<{ kind: keyof MediaBlocks; id: string }>`
    SELECT 'takenDown' AS kind, video_id::text AS id FROM video_takedowns
    UNION ALL SELECT 'trashed', id::text FROM videos WHERE trashed_at IS NOT NULL
    UNION ALL SELECT 'purged', video_id::text FROM video_tombstones WHERE purged_at >= ${o.purgedSince}
    UNION ALL SELECT 'disabledUsers', id::text FROM users WHERE disabled_at IS NOT NULL`.execute(db);
  const blocks: MediaBlocks = { takenDown: [], trashed: [], purged: [], disabledUsers: [] };
  for (const r of rows) blocks[r.kind].push(r.id);
  return blocks;
}
