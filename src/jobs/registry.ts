// Every job of the product, in one list. The queue creates a pg-boss queue for each.
import type { JobDefinition } from './define-job.js';
import { ltiSweepJob } from '../lti/lti-sweep.job.js';
import { processVideoJob } from '../videos/process-video.job.js';
import { uploadSweepJob } from '../videos/upload-sweep.job.js';
import { lifecycleSweepJob } from '../lifecycle/lifecycle-sweep.job.js';
import { processingWatchdogJob } from '../videos/processing-watchdog.job.js';
import { asrCaptionsJob } from '../captions/asr-captions.job.js';
import { captionRemindersJob } from '../captions/caption-reminders.job.js';
import { moderationAlertsJob } from '../governance/moderation-alerts.job.js';

export const jobRegistry: readonly JobDefinition[] = [ltiSweepJob, processVideoJob, uploadSweepJob, lifecycleSweepJob, processingWatchdogJob, asrCaptionsJob, captionRemindersJob, moderationAlertsJob];
