// Names and Role Provisioning Services 2.0 client: reads a context's memberships, following
// `Link: rel="next"` (NRPS 2.0 §2.4.1), into typed members.
import { z } from 'zod';
import { callService, collectPages, parseServiceJson, type ServiceClientOptions } from './service-client.js';
import { MEDIA_TYPE, NRPS_SCOPE_MEMBERSHIP_READONLY } from './service-constants.js';
import { findNextPageUrl, withQueryParams } from './service-urls.js';

export type MemberStatus = 'Active' | 'Inactive' | 'Deleted';

export type Member = {
  userId: string;
  roles: string[];
  status: MemberStatus;
  name?: string;
  givenName?: string;
  familyName?: string;
  email?: string;
  lisPersonSourcedId?: string;
};

export type Memberships = { context: { id: string; label?: string; title?: string }; members: Member[]; pages: number };

export type MembershipQuery = {
  /** Only members with this role (a full role URI or a short name such as `Learner`), NRPS 2.0 §2.3.1. */
  role?: string;
  /** Page size the tool asks for; the platform may use a smaller one. */
  limit?: number;
};

export type NrpsClient = {
  fetchMemberships(contextMembershipsUrl: string, query?: MembershipQuery): Promise<Memberships>;
};

const optionalText = z
  .string()
  .nullish()
  .transform((v) => (v ? v : undefined));

const statusSchema = z
  .string()
  .optional()
  .transform((v, ctx): MemberStatus => {
    const found = (['Active', 'Inactive', 'Deleted'] as const).find((s) => s.toLowerCase() === (v ?? 'active').toLowerCase());
    if (found) return found;
    ctx.addIssue({ code: 'custom', message: `unknown status ${JSON.stringify(v)}` });
    return z.NEVER;
  });

const memberSchema = z
  .object({
    // The spec says string; some platforms send numbers.
    user_id: z.union([z.string().min(1), z.number()]).transform(String),
    roles: z.array(z.string()),
    status: statusSchema,
    name: optionalText,
    given_name: optionalText,
    family_name: optionalText,
    email: optionalText,
    lis_person_sourcedid: optionalText,
  })
  .transform(
    (m): Member => ({
      userId: m.user_id,
      roles: m.roles,
      status: m.status,
      name: m.name,
      givenName: m.given_name,
      familyName: m.family_name,
      email: m.email,
      lisPersonSourcedId: m.lis_person_sourcedid,
    }),
  );

const containerSchema = z.object({
  context: z.object({ id: z.union([z.string(), z.number()]).transform(String), label: optionalText, title: optionalText }),
  members: z.array(memberSchema),
});

export function createNrpsClient(opts: ServiceClientOptions): NrpsClient {
  return {
    async fetchMemberships(contextMembershipsUrl, query = {}) {
      let context: Memberships['context'] | undefined;
      const { items, pages } = await collectPages({
        firstUrl: withQueryParams(contextMembershipsUrl, { role: query.role, limit: query.limit }),
        maxPages: opts.maxPages ?? 1000,
        fetchPage: async (url) => {
          const reply = await callService(opts, {
            method: 'GET',
            url,
            tokenScopes: [NRPS_SCOPE_MEMBERSHIP_READONLY],
            allowedBy: [NRPS_SCOPE_MEMBERSHIP_READONLY],
            accept: MEDIA_TYPE.membershipContainer,
          });
          const page = parseServiceJson(reply, containerSchema, 'membership list');
          context ??= page.context;
          return { items: page.members, nextUrl: findNextPageUrl(reply.headers.get('link'), url) };
        },
      });
      return { context: context ?? { id: '' }, members: items, pages };
    },
  };
}
