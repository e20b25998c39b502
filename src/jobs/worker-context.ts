// What a job handler receives. Jobs run as the system actor; they get the same adapters as the web.
import type { Db } from '../db/database.js';
import type { Logger } from '../logger.js';
import type { JobSender } from './job-queue.js';
import type { MediaDeps } from '../media-deps.js';
import type { VideosDeps } from '../videos/videos.service.js';

export type WorkerContext = {
  db: Db;
  log: Logger;
  queue: JobSender;
  now: () => Date;
  media: MediaDeps;
  videos: VideosDeps;
  /** Partial uploads (tus store): the abandoned-upload sweep removes them. */
  uploads: { store: { remove(id: string): Promise<void> }; idleHours: number };
  /** A processing job with no heartbeat for this long is failed by the watchdog and retried. */
  processing: { stallSeconds: number; workDir: string };
  /** The site's public URL (PUBLIC_URL), for links in mail sent by jobs (caption reminders). */
  publicUrl: string;
};
