// Names and Role Provisioning Services 2.0 (§2) for the demo LMS, at Moodle's URL:
// services.php/CourseSection/{context}/bindings/{type}/memberships, with `role`, `limit` and `from`.
import { Router } from 'express';
import { MEDIA_TYPE, NRPS_SCOPE_MEMBERSHIP_READONLY } from '../../lti/services/service-constants.js';
import { checkTypeId, findCourse, type DemoMember, type DemoServiceContext } from './demo-service-context.js';
import { pageOf } from './demo-service-http.js';

/** NRPS 2.0 §2.3.1: a role filter may be a full URI or a short context role name such as `Learner`. */
function hasRole(member: DemoMember, role: string): boolean {
  return member.roles.some((r) => r === role || r.endsWith(`#${role}`));
}

function toWireMember(m: DemoMember): Record<string, unknown> {
  return {
    status: m.status ?? 'Active',
    user_id: m.userId,
    roles: m.roles,
    name: m.name,
    given_name: m.givenName,
    family_name: m.familyName,
    email: m.email,
  };
}

export function demoNrpsRoutes(ctx: DemoServiceContext): Router {
  const router = Router();
  router.get('/services.php/CourseSection/:contextId/bindings/:typeId/memberships', ctx.requireScope(NRPS_SCOPE_MEMBERSHIP_READONLY), (req, res) => {
    checkTypeId(ctx, req.params.typeId);
    const course = findCourse(ctx, req.params.contextId);
    const role = typeof req.query.role === 'string' && req.query.role !== '' ? req.query.role : undefined;
    const members = role ? course.members.filter((m) => hasRole(m, role)) : course.members;
    const { page, nextUrl } = pageOf(members, req, ctx);
    if (nextUrl) res.set('link', `<${nextUrl}>; rel="next"`);
    res.type(MEDIA_TYPE.membershipContainer).json({
      id: ctx.urls.contextMembershipsUrl(course.id),
      context: { id: course.id, label: course.label, title: course.title },
      members: page.map(toWireMember),
    });
  });
  return router;
}
