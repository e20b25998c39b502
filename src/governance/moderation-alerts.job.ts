// The admins' report digests as a job every minute: mails the reports that arrived while an admin's
// 15-minute window was closed (moderation-alerts.ts). Runs as the system; idempotent (each alert is
// marked in the transaction that queues its mail), so a retry or a second worker sends nothing twice.
import { z } from 'zod';
import { defineJob } from '../jobs/define-job.js';
import { sendReportDigests } from './moderation-alerts.js';

export const moderationAlertsJob = defineJob({
  name: 'moderation-report-digests',
  payload: z.object({}),
  retry: { limit: 1, delaySeconds: 30, backoff: false },
  expireInSeconds: 5 * 60,
  schedule: '* * * * *',
  async run(_payload, ctx) {
    await sendReportDigests({ db: ctx.db, mailer: ctx.media.mailer, log: ctx.log, publicUrl: ctx.publicUrl }, { now: ctx.now() });
  },
});
