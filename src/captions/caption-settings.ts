// The site's caption policy, stored in app_settings under one key and validated with zod: the deadline
// (publication + 14 days by default), when the owner is reminded before it (3 days), and whether speech
// recognition runs on publish (on). A missing or partial row means the defaults for what is missing.
// Speech recognition reads asrOnPublish through asr-policy.ts (with the course override and the video's
// opt-out); this module validates and writes the whole policy.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { loadAppSetting, saveAppSetting } from '../db/app-settings.js';
import { CAPTIONS_POLICY_KEY } from './asr-policy.js';
import type { CaptionPolicy } from './caption-deadline.js';

export const CAPTION_SETTINGS_KEY = CAPTIONS_POLICY_KEY;

export const captionSettingsSchema = z
  .object({
    deadlineDays: z.coerce.number().int().min(1, 'the deadline must be at least 1 day').max(365, 'the deadline can be at most 365 days').default(14),
    remindDaysBefore: z.coerce.number().int().min(0, 'cannot be negative').max(364).default(3),
    asrOnPublish: z.boolean().default(true),
  })
  .refine((s) => s.remindDaysBefore < s.deadlineDays, { message: 'the reminder must come before the deadline', path: ['remindDaysBefore'] });

export type CaptionSettings = z.infer<typeof captionSettingsSchema>;
export const defaultCaptionSettings: CaptionSettings = captionSettingsSchema.parse({});

export function captionPolicyOf(s: CaptionSettings): CaptionPolicy {
  return { deadlineDays: s.deadlineDays, remindDaysBefore: s.remindDaysBefore };
}

/** Reads the settings; a stored value that no longer validates is an error, not a silent default. */
export async function loadCaptionSettings(db: Db): Promise<CaptionSettings> {
  return loadAppSetting(db, CAPTION_SETTINGS_KEY, captionSettingsSchema);
}

export async function saveCaptionSettings(db: Db, s: CaptionSettings): Promise<void> {
  await saveAppSetting(db, CAPTION_SETTINGS_KEY, captionSettingsSchema, s);
}
