// users.caption_style (migration 050): the stored JSON of a person's caption style.
import type { Db } from '../db/database.js';
import type { CaptionStyle } from './caption-style.js';

export async function readStoredCaptionStyle(db: Db, userId: string): Promise<unknown> {
  const row = await db.selectFrom('users').select('caption_style').where('id', '=', userId).executeTakeFirst();
  return row?.caption_style;
}

export async function writeCaptionStyle(db: Db, userId: string, style: CaptionStyle): Promise<void> {
  await db.updateTable('users').set({ caption_style: JSON.stringify(style) }).where('id', '=', userId).execute();
}
