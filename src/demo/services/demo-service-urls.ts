// URLs of the demo LMS's services, in Moodle's shapes (mod/lti/token.php and mod/lti/services.php), and
// the launch claims that announce them, so the demo launch and the router agree on one set of URLs.
import { AGS_SCOPES, NRPS_SCOPE_MEMBERSHIP_READONLY } from '../../lti/services/service-constants.js';

export type DemoServiceUrls = {
  tokenUrl: string;
  contextMembershipsUrl(contextId: string): string;
  lineItemsUrl(contextId: string): string;
  lineItemUrl(contextId: string, lineItemId: string): string;
};

/** `baseUrl` is the absolute URL where demoServicesRouter is mounted, e.g. https://luento.example/demo/lms. */
export function demoServiceUrls(opts: { baseUrl: string; typeId: number }): DemoServiceUrls {
  const base = opts.baseUrl.replace(/\/+$/, '');
  const c = encodeURIComponent;
  return {
    tokenUrl: `${base}/token.php`,
    contextMembershipsUrl: (contextId) => `${base}/services.php/CourseSection/${c(contextId)}/bindings/${opts.typeId}/memberships`,
    lineItemsUrl: (contextId) => `${base}/services.php/${c(contextId)}/lineitems?type_id=${opts.typeId}`,
    lineItemUrl: (contextId, id) => `${base}/services.php/${c(contextId)}/lineitems/${c(id)}/lineitem?type_id=${opts.typeId}`,
  };
}

/**
 * The AGS endpoint claim (AGS 2.0 §3.1) and NRPS claim (NRPS 2.0 §3.6.1) of a demo launch. Pass
 * `lineItemId` for a resource link that has its own line item, as Moodle does for graded activities.
 */
export function demoServiceClaims(opts: { baseUrl: string; typeId: number; contextId: string; lineItemId?: string }): Record<string, unknown> {
  const urls = demoServiceUrls(opts);
  return {
    'https://purl.imsglobal.org/spec/lti-ags/claim/endpoint': {
      scope: [...AGS_SCOPES],
      lineitems: urls.lineItemsUrl(opts.contextId),
      ...(opts.lineItemId ? { lineitem: urls.lineItemUrl(opts.contextId, opts.lineItemId) } : {}),
    },
    'https://purl.imsglobal.org/spec/lti-nrps/claim/namesroleservice': {
      context_memberships_url: urls.contextMembershipsUrl(opts.contextId),
      service_versions: ['1.0', '2.0'],
    },
  };
}

export const demoGrantableScopes: readonly string[] = [...AGS_SCOPES, NRPS_SCOPE_MEMBERSHIP_READONLY];
