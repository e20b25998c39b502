// Shared by the processing, streaming, watch and views tests: video rows in a chosen state, with a
// generated clip put straight into the BlobStore, and (when wanted) processed by the real job.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Deps } from '../../src/deps.js';
import { processVideo, type ProcessingDeps } from '../../src/videos/processing.js';
import { insertVideo, type Video } from '../../src/videos/videos.repo.js';
import type { VideoStatus } from '../../src/videos/videos.tables.js';
import { mediaFixture, type FixtureName } from '../helpers/media-fixtures.js';

const workRoots: string[] = [];

/** A temp folder for the job's work folders; removeWorkRoots() (in afterAll) deletes them all. */
export async function makeWorkRoot(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'luento-processing-test-'));
  workRoots.push(dir);
  return dir;
}

export async function removeWorkRoots(): Promise<void> {
  await Promise.all(workRoots.splice(0).map((d) => rm(d, { recursive: true, force: true })));
}

export function processingDeps(deps: Deps, workRoot: string, extra: Partial<ProcessingDeps> = {}): ProcessingDeps {
  return { db: deps.db, media: deps.media, log: deps.log, workRoot, progressIntervalMs: 0, ...extra };
}

/** A video row owned by ownerId in courseId, with the fixture stored as its source, in `status`. */
export async function createVideoWithSource(deps: Deps, opts: { ownerId: string; courseId: string; fixture?: FixtureName; sourceFile?: string; status?: VideoStatus; title?: string; allowDownload?: boolean }): Promise<Video> {
  const video = await insertVideo(deps.db, {
    ownerId: opts.ownerId, homeCourseId: opts.courseId, title: opts.title ?? 'Lecture 1', description: 'A generated clip', language: 'en',
    sourceName: 'lecture.mp4', sourceBytes: 1000, statementVersion: 'test',
  });
  let sourceKey: string | null = null;
  if (opts.fixture || opts.sourceFile) {
    const file = opts.sourceFile ?? (await mediaFixture(opts.fixture ?? 'clip360'));
    sourceKey = `videos/${video.id}/source/${path.basename(file)}`;
    await deps.media.blobStore.put(sourceKey, { file });
  }
  return deps.db
    .updateTable('videos')
    .set({ source_key: sourceKey, status: opts.status ?? 'processing', allow_download: opts.allowDownload ?? false })
    .where('id', '=', video.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** A video made by the real processing job from a generated clip, then published. */
export async function createPublishedVideo(deps: Deps, opts: { ownerId: string; courseId: string; fixture?: FixtureName; sourceFile?: string; allowDownload?: boolean; publish?: boolean }): Promise<Video> {
  const video = await createVideoWithSource(deps, { ...opts, fixture: opts.fixture ?? 'clip360' });
  const outcome = await processVideo(processingDeps(deps, await makeWorkRoot()), video.id, { attempt: 1, isLastAttempt: true });
  if (outcome !== 'ready') throw new Error(`processing ended ${outcome}`);
  const status = opts.publish === false ? 'ready' : 'published';
  return deps.db
    .updateTable('videos')
    .set({ status, published_at: status === 'published' ? new Date() : null })
    .where('id', '=', video.id)
    .returningAll()
    .executeTakeFirstOrThrow();
}
