// The videos feature's side of the course page and the Deep Linking picker (src/courses/video-catalog.ts).
import type { CatalogVideo, VideoCatalog } from '../courses/video-catalog.js';
import type { Db } from '../db/database.js';
import { findVideo, listCourseVideos, listOwnedVideos, type Video } from './videos.repo.js';

function toCatalogVideo(v: Video): CatalogVideo {
  return { id: v.id, title: v.title, ownerId: v.owner_id, homeCourseId: v.home_course_id, isPublished: v.status === 'published' };
}

export function createVideoCatalog(db: Db): VideoCatalog {
  return {
    async listCourseVideos(courseId, opts) {
      return (await listCourseVideos(db, { courseId, onlyPublished: !opts.includeUnpublished })).map(toCatalogVideo);
    },
    async listPickable({ courseId, userId }) {
      // The course's videos, then the instructor's own from other courses; only ones that can play.
      const inCourse = await listCourseVideos(db, { courseId, onlyPublished: false });
      const own = await listOwnedVideos(db, userId);
      const seen = new Set<string>();
      return [...inCourse, ...own]
        .filter((v) => (v.status === 'ready' || v.status === 'published') && !seen.has(v.id) && seen.add(v.id))
        .map(toCatalogVideo);
    },
    async findVideo(videoId) {
      const v = await findVideo(db, videoId);
      return v && !v.trashed_at ? toCatalogVideo(v) : undefined;
    },
  };
}
