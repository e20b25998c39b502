// The site's lifecycle policy, stored in app_settings under one key and validated with zod: the
// retention durations (defaults 730/180/30/30) and the sweep's caps, so a bug cannot empty the library
// in one night. A missing or partial row means the defaults for what is missing.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { loadAppSetting, saveAppSetting } from '../db/app-settings.js';
import { defaultRetentionPolicy, type RetentionPolicy } from './retention.js';

export const LIFECYCLE_SETTINGS_KEY = 'lifecycle.policy';

const days = (max: number) => z.coerce.number().int().min(1).max(max);
const cap = z.coerce.number().int().min(0).max(1_000_000);

export const lifecycleSettingsSchema = z
  .object({
    trashAfterDays: days(36_500).default(defaultRetentionPolicy.trashAfterDays),
    purgeAfterDays: days(3_650).default(defaultRetentionPolicy.purgeAfterDays),
    warnBeforeTrashDays: days(365).default(defaultRetentionPolicy.warnBeforeTrashDays),
    warnBeforePurgeDays: days(365).default(defaultRetentionPolicy.warnBeforePurgeDays),
    /** The longest extension an owner may ask for, counted from the request. */
    maxExtensionDays: days(3_650).default(730),
    maxWarningsPerRun: cap.default(5_000),
    maxTrashesPerRun: cap.default(1_000),
    maxPurgesPerRun: cap.default(200),
    batchSize: z.coerce.number().int().min(10).max(10_000).default(1_000),
    /** Steps run at once (each in its own transaction); keep it below the database pool size. */
    stepConcurrency: z.coerce.number().int().min(1).max(16).default(4),
  })
  .refine((s) => s.warnBeforeTrashDays < s.trashAfterDays, { message: 'the trash warning must come before the trash date', path: ['warnBeforeTrashDays'] })
  .refine((s) => s.warnBeforePurgeDays < s.purgeAfterDays, { message: 'the purge warning must come before the purge date', path: ['warnBeforePurgeDays'] });

export type LifecycleSettings = z.infer<typeof lifecycleSettingsSchema>;

export const defaultLifecycleSettings: LifecycleSettings = lifecycleSettingsSchema.parse({});

export function retentionPolicyOf(s: LifecycleSettings): RetentionPolicy {
  return { trashAfterDays: s.trashAfterDays, purgeAfterDays: s.purgeAfterDays, warnBeforeTrashDays: s.warnBeforeTrashDays, warnBeforePurgeDays: s.warnBeforePurgeDays };
}

/** Reads the settings; a stored value that no longer validates is an error, not a silent default. */
export async function loadLifecycleSettings(db: Db): Promise<LifecycleSettings> {
  return loadAppSetting(db, LIFECYCLE_SETTINGS_KEY, lifecycleSettingsSchema);
}

export async function saveLifecycleSettings(db: Db, s: LifecycleSettings): Promise<void> {
  await saveAppSetting(db, LIFECYCLE_SETTINGS_KEY, lifecycleSettingsSchema, s);
}
