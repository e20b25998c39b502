// Shared set-up of the lifecycle tests: a migrated database of the file's own, a platform, owners with
// email addresses, a course, videos with chosen dates, blobs on local disk, and a mailer that records.
import type { Db } from '../../src/db/database.js';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MailMessage, Mailer } from '../../src/adapters/mail/mailer.js';
import type { BlobStore } from '../../src/adapters/storage/blob-store.js';
import { LocalBlobStore } from '../../src/adapters/storage/local-blob-store.js';
import { createLogger } from '../../src/logger.js';
import { defaultLifecycleSettings, type LifecycleSettings } from '../../src/lifecycle/lifecycle-settings.js';
import { runSweep, type SweepHooks, type SweepReport } from '../../src/lifecycle/sweep.js';
import { createCourse, createTestPlatform, createUser } from '../helpers/factories.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-db.js';
import { createVideo } from '../helpers/video-factory.js';

export const DAY = 86_400_000;
export const t0 = new Date('2020-01-06T00:00:00Z');
export const day = (n: number): Date => new Date(t0.getTime() + n * DAY);

export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];
  failNext = 0;
  async send(m: MailMessage): Promise<void> {
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('SMTP unavailable (test)');
    }
    this.sent.push(m);
  }
}

export type LifecycleFixture = {
  database: TestDatabase;
  db: Db;
  store: BlobStore;
  mailer: RecordingMailer;
  platformId: string;
  courseId: string;
  ownerId: string;
  makeOwner: (email?: string) => Promise<string>;
  makeVideo: (o: { createdDay: number; publishedDay?: number; ownerId?: string; title?: string; blobs?: number }) => Promise<string>;
  sweep: (today: number, o?: { settings?: Partial<LifecycleSettings>; hooks?: SweepHooks; store?: BlobStore; mailer?: Mailer }) => Promise<SweepReport>;
  close: () => Promise<void>;
};

export const quietLog = createLogger('silent');

export async function createLifecycleFixture(): Promise<LifecycleFixture> {
  const database = await createTestDatabase();
  const db = database.db;
  const store = await LocalBlobStore.open({ root: await mkdtemp(path.join(os.tmpdir(), 'luento-lifecycle-')) });
  const mailer = new RecordingMailer();
  const platform = await createTestPlatform(database.db);
  const platformId = platform.platform.id;
  const course = await createCourse(database.db, { platformId });
  const makeOwner = async (email = `owner-${Math.random().toString(36).slice(2, 8)}@uni.test`) => {
    const u = await createUser(database.db, { platformId, name: 'Owner' });
    await database.db.updateTable('users').set({ email }).where('id', '=', u.id).execute();
    return u.id;
  };
  const ownerId = await makeOwner();
  const makeVideo: LifecycleFixture['makeVideo'] = async (o) => {
    const v = await createVideo(database.db, { ownerId: o.ownerId ?? ownerId, courseId: course.id, status: o.publishedDay !== undefined ? 'published' : 'ready', title: o.title });
    const published = o.publishedDay !== undefined ? day(o.publishedDay) : null;
    await database.db.updateTable('videos').set({ created_at: day(o.createdDay), published_at: published, last_viewed_at: published }).where('id', '=', v.id).execute();
    for (let i = 0; i < (o.blobs ?? 2); i++) await store.put(`videos/${v.id}/hls/v${i}/seg_001.m4s`, { bytes: new Uint8Array([1, 2, 3]) });
    return v.id;
  };
  const sweep: LifecycleFixture['sweep'] = (today, o = {}) =>
    runSweep({ db, blobStore: o.store ?? store, mailer: o.mailer ?? mailer, log: quietLog }, { settings: { ...defaultLifecycleSettings, ...o.settings }, now: day(today), hooks: o.hooks });
  return {
    database,
    db,
    store,
    mailer,
    platformId,
    courseId: course.id,
    ownerId,
    makeOwner,
    makeVideo,
    sweep,
    close: async () => {
      await platform.close();
      await database.drop();
    },
  };
}

export async function eventsOf(db: Db, videoId: string): Promise<Array<{ action: string; at: Date; details: unknown }>> {
  return db.selectFrom('lifecycle_events').select(['action', 'at', 'details']).where('video_id', '=', videoId).orderBy('id').execute();
}
