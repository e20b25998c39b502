// The site's privacy settings in app_settings: where the media and the database are stored (a region
// name the admin writes, e.g. "EU (Finland, Helsinki)"), shown to admins and to users with their data.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { loadAppSetting, saveAppSetting } from '../db/app-settings.js';

export const PRIVACY_SETTINGS_KEY = 'privacy.settings';

export const privacySettingsSchema = z.object({ storageRegion: z.string().trim().max(200).default('') });
export type PrivacySettings = z.infer<typeof privacySettingsSchema>;

export async function loadPrivacySettings(db: Db): Promise<PrivacySettings> {
  return loadAppSetting(db, PRIVACY_SETTINGS_KEY, privacySettingsSchema);
}

export async function savePrivacySettings(db: Db, s: PrivacySettings): Promise<void> {
  await saveAppSetting(db, PRIVACY_SETTINGS_KEY, privacySettingsSchema, s);
}
