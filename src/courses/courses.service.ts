// Course use cases. Each starts with authorize(actor, action, resource).
import type { Db } from '../db/database.js';
import { authorize } from '../auth/authorize.js';
import { canFlags, type Actor, type AppRole } from '../auth/permissions.js';
import { NotFoundError } from '../http/errors.js';
import { findUserById } from '../users/users.repo.js';
import { findCourseById, type Course } from './courses.repo.js';
import type { CatalogVideo, VideoCatalog } from './video-catalog.js';

export type CoursePage = {
  course: Course;
  userName: string;
  role: AppRole | 'admin';
  videos: CatalogVideo[];
  can: { upload: boolean; manage: boolean; adminSite: boolean; captionCompliance: boolean };
};

async function loadCourse(db: Db, courseId: string): Promise<Course> {
  const course = await findCourseById(db, courseId);
  if (!course) throw new NotFoundError('No such course');
  return course;
}

/** known: the signed-in user's name and the session's course, as the session read them (no query of their own). */
export async function showCourse(
  deps: { db: Db; catalog: VideoCatalog },
  actor: Actor,
  courseId: string,
  known: { viewer?: { name: string; sub: string }; course?: Course | null } = {},
): Promise<CoursePage> {
  authorize(actor, 'course.view', { kind: 'course', courseId });
  const resource = { kind: 'course', courseId } as const;
  const flags = canFlags(actor, ['video.upload', 'course.manage', 'video.viewUnpublished', 'admin.site', 'caption.compliance'], resource);
  // Independent reads, side by side on the pool: the landing page after a launch waits for the slowest only.
  const [course, videos, user] = await Promise.all([
    known.course?.id === courseId ? known.course : loadCourse(deps.db, courseId),
    deps.catalog.listCourseVideos(courseId, { includeUnpublished: flags['video.viewUnpublished'] }),
    known.viewer ?? (actor.kind === 'user' ? findUserById(deps.db, actor.userId) : undefined),
  ]);
  const inThisCourse = actor.kind === 'user' && actor.course?.courseId === courseId ? actor.course.role : undefined;
  return {
    course,
    userName: user?.name || user?.sub || '',
    role: inThisCourse ?? 'admin',
    videos,
    can: { upload: flags['video.upload'], manage: flags['course.manage'], adminSite: flags['admin.site'], captionCompliance: flags['caption.compliance'] },
  };
}

/** The one video an embed launch names; a learner of such a session sees this and nothing else. */
export async function showEmbeddedVideo(deps: { db: Db; catalog: VideoCatalog }, actor: Actor, opts: { courseId: string; videoId: string | undefined }) {
  authorize(actor, 'video.view', { kind: 'course', courseId: opts.courseId });
  if (!opts.videoId) throw new NotFoundError('This session was not opened from a video link');
  const course = await loadCourse(deps.db, opts.courseId);
  const video = await deps.catalog.findVideo(opts.videoId);
  return { course, videoId: opts.videoId, video };
}
