// Site settings in app_settings: one JSON value per key, validated by its feature's zod schema on the
// way in and on the way out.
import { sql } from 'kysely';
import type { z } from 'zod';
import type { Db } from './database.js';

/** Reads a setting; a missing row is `{}` (the schema's defaults); a stored value that no longer validates is an error, not a silent default. */
export async function loadAppSetting<S extends z.ZodType>(db: Db, key: string, schema: S): Promise<z.output<S>> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst();
  const parsed = schema.safeParse(row?.value ?? {});
  if (!parsed.success) throw new Error(`The stored setting app_settings '${key}' is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

/** The raw stored value, for features that fall back to defaults rather than fail. */
export async function readAppSettingValue(db: Db, key: string): Promise<unknown> {
  const row = await db.selectFrom('app_settings').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

export async function saveAppSetting<S extends z.ZodType>(db: Db, key: string, schema: S, value: z.input<S>): Promise<void> {
  const json = JSON.stringify(schema.parse(value));
  await db
    .insertInto('app_settings')
    .values({ key, value: sql`${json}::jsonb` })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sql`${json}::jsonb`, updated_at: sql`now()` }))
    .execute();
}
