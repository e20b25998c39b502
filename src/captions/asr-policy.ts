// Automatic captions on publish: the site setting (app_settings 'captions.policy', field asrOnPublish,
// default on), the course's override (courses.asr_on_publish; null follows the site), and the video's
// opt-out (videos.asr_opt_out). C3's settings page writes the site value; it reads it through here too.
import { z } from 'zod';
import type { Db } from '../db/database.js';
import { readAppSettingValue } from '../db/app-settings.js';

export const CAPTIONS_POLICY_KEY = 'captions.policy';

// Only this feature's field is checked here; other fields of the stored policy pass through untouched.
const asrPolicySchema = z.object({ asrOnPublish: z.boolean().default(true) }).loose();

export type AsrSitePolicy = { asrOnPublish: boolean };

/** A stored value that does not validate falls back to the default (on). */
export function parseAsrSitePolicy(value: unknown): AsrSitePolicy {
  const parsed = asrPolicySchema.safeParse(value ?? {});
  return { asrOnPublish: parsed.success ? parsed.data.asrOnPublish : true };
}

export async function loadAsrSitePolicy(db: Db): Promise<AsrSitePolicy> {
  return parseAsrSitePolicy(await readAppSettingValue(db, CAPTIONS_POLICY_KEY));
}

export type AsrOnPublishInput = {
  site: AsrSitePolicy;
  /** courses.asr_on_publish of the video's home course; null: follow the site. */
  course: boolean | null;
  isVideoOptedOut: boolean;
  /** A track in the video's language exists already (uploaded, edited, or an earlier draft). */
  hasTrackInLanguage: boolean;
};

/** The pure decision: run speech recognition when the video is published? */
export function shouldRunAsrOnPublish(i: AsrOnPublishInput): boolean {
  if (i.isVideoOptedOut || i.hasTrackInLanguage) return false;
  return i.course ?? i.site.asrOnPublish;
}
