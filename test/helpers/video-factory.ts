// Video rows for tests, in any status, without running the upload and processing pipeline.
import type { Db } from '../../src/db/database.js';
import { insertVideo, transitionVideo, type Video } from '../../src/videos/videos.repo.js';
import type { VideoStatus } from '../../src/videos/videos.tables.js';

const path: Record<VideoStatus, VideoStatus[]> = {
  uploading: [],
  processing: ['processing'],
  ready: ['processing', 'ready'],
  published: ['processing', 'ready', 'published'],
  failed: ['failed'],
};

export async function createVideo(db: Db, opts: { ownerId: string; courseId: string; status?: VideoStatus; title?: string; language?: 'fi' | 'sv' | 'en' | 'other' }): Promise<Video> {
  let video = await insertVideo(db, {
    ownerId: opts.ownerId,
    homeCourseId: opts.courseId,
    title: opts.title ?? 'Lecture 1: Thermodynamics',
    description: '',
    language: opts.language ?? 'fi',
    sourceName: 'lecture.mp4',
    sourceBytes: 1000,
    statementVersion: 'test',
  });
  for (const to of path[opts.status ?? 'ready']) {
    const extra = to === 'published' ? { published_at: new Date(), last_viewed_at: new Date() } : to === 'failed' ? { failure_code: 'media_truncated', failure_message: 'The file is incomplete' } : {};
    video = (await transitionVideo(db, video.id, video.status, to, extra))!;
  }
  return video;
}

/** The user id behind a launched session. */
export async function userIdOfSession(db: Db, tokenHash: string): Promise<string> {
  const row = await db.selectFrom('sessions').select('user_id').where('token_hash', '=', tokenHash).executeTakeFirstOrThrow();
  return row.user_id;
}
