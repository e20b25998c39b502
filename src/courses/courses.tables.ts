// Kysely table types of courses and memberships (migration 013).
import type { ColumnType, Generated } from 'kysely';
import type { AppRole } from '../auth/permissions.js';

export interface CoursesTable {
  id: Generated<string>;
  platform_id: string;
  deployment_id: string;
  context_id: string;
  title: Generated<string>;
  label: Generated<string>;
  library_provisioned_at: Date | null;
  /** Automatic captions on publish for this course; null follows the site setting (migration 050). */
  asr_on_publish: boolean | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface MembershipsTable {
  user_id: string;
  course_id: string;
  role: AppRole;
  lti_roles: ColumnType<string[], string, string>;
  updated_at: Generated<Date>;
}

export interface CoursesTables {
  courses: CoursesTable;
  memberships: MembershipsTable;
}
