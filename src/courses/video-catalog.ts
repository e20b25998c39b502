// What the course page and the Deep Linking picker need from the videos feature, behind a small
// interface. The videos feature provides the real implementation; until then the catalog is empty and
// the pages say so honestly.
export type CatalogVideo = { id: string; title: string; ownerId: string; homeCourseId: string; isPublished: boolean };

export type VideoCatalog = {
  /** Videos visible in a course (placed or home), published only unless told otherwise. */
  listCourseVideos: (courseId: string, opts: { includeUnpublished: boolean }) => Promise<CatalogVideo[]>;
  /** What an instructor may embed: the course's videos and their own. */
  listPickable: (opts: { courseId: string; userId: string }) => Promise<CatalogVideo[]>;
  findVideo: (videoId: string) => Promise<CatalogVideo | undefined>;
};

export const emptyVideoCatalog: VideoCatalog = {
  listCourseVideos: async () => [],
  listPickable: async () => [],
  findVideo: async () => undefined,
};
