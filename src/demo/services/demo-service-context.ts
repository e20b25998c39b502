// What the demo LMS's service routes share: its courses, gradebook, URLs and the bearer-token check.
import type { RequestHandler } from 'express';
import { BadRequestError, NotFoundError } from '../../http/errors.js';
import type { DemoGradebook } from './demo-gradebook.js';
import type { DemoServiceUrls } from './demo-service-urls.js';

export type DemoMember = {
  userId: string;
  /** Full LTI role URIs, as the launch sends them. */
  roles: readonly string[];
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  status?: 'Active' | 'Inactive' | 'Deleted';
};

export type DemoCourse = { id: string; label: string; title: string; members: readonly DemoMember[] };

export type DemoServiceContext = {
  baseUrl: string;
  typeId: number;
  urls: DemoServiceUrls;
  courses: readonly DemoCourse[];
  gradebook: DemoGradebook;
  pageSize: number;
  now: () => Date;
  requireScope: (...anyOf: string[]) => RequestHandler;
};

export function findCourse(ctx: DemoServiceContext, contextId: unknown): DemoCourse {
  const course = typeof contextId === 'string' ? ctx.courses.find((c) => c.id === contextId) : undefined;
  if (!course) throw new NotFoundError(`The demo LMS has no course ${JSON.stringify(contextId)}`);
  return course;
}

/** Moodle puts the tool type in every service URL (`type_id=N`, or `/bindings/N/` for NRPS). */
export function checkTypeId(ctx: DemoServiceContext, typeId: unknown): void {
  if (typeId === undefined) throw new BadRequestError('The service URL lacks type_id; use the URL from the launch claim unchanged', undefined, 'missing_type_id');
  if (String(typeId) !== String(ctx.typeId)) throw new NotFoundError(`The demo LMS has no tool type ${JSON.stringify(typeId)}`);
}
