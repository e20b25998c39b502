// The daily caption reminder run as a scheduled job (06:00 UTC, so the mail is there in the morning).
// Runs as the system; idempotent (caption-reminders.ts), so a retry or a second worker sends nothing twice.
import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';
import { runCaptionReminders } from './caption-reminders.js';
import { loadCaptionSettings } from './caption-settings.js';

export const captionRemindersJob = defineJob({
  name: 'caption-reminders',
  payload: z.object({}),
  retry: { limit: 2, delaySeconds: 300, backoff: true },
  expireInSeconds: 60 * 60,
  schedule: '0 6 * * *',
  async run(_payload, ctx) {
    const settings = await loadCaptionSettings(ctx.db);
    await runCaptionReminders({ db: ctx.db, mailer: ctx.media.mailer, log: ctx.log, publicUrl: ctx.publicUrl }, { settings, now: ctx.now() });
  },
});
