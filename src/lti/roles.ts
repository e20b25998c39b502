// LTI role URIs → app roles, in one pure table (LTI Core 1.3 §5.3.7 and Appendix A.2). Context roles
// decide first; only when the launch carries none do institution roles decide. Institution and system
// Administrator make a site admin. Per-platform custom mappings override the table.
import type { AppRole } from '../auth/permissions.js';

const LIS = 'http://purl.imsglobal.org/vocab/lis/v2';
const SYSTEM = 'http://purl.imsglobal.org/vocab/lti/system/person#'; // LTI 1.3 §A.2.1 (TestUser)

/** What a role URI can grant: a course role, a site admin, both, or nothing. */
export type RoleGrant = { course?: AppRole; admin?: true };
type Scope = 'context' | 'institution' | 'system';

// LIS v2 context roles (A.2.3) and their sub-roles (A.2.3.1). A sub-role grants what its principal grants
// unless listed in subRoleOverrides.
const contextRoles: Record<string, { grant: RoleGrant; subRoles: string[] }> = {
  Administrator: {
    grant: { course: 'manager' },
    subRoles: ['Administrator', 'Developer', 'ExternalDeveloper', 'ExternalSupport', 'ExternalSystemAdministrator', 'Support', 'SystemAdministrator'],
  },
  ContentDeveloper: { grant: { course: 'creator' }, subRoles: ['ContentDeveloper', 'ContentExpert', 'ExternalContentExpert', 'Librarian'] },
  Instructor: {
    grant: { course: 'creator' },
    subRoles: [
      'ExternalInstructor', 'Grader', 'GuestInstructor', 'Lecturer', 'PrimaryInstructor', 'SecondaryInstructor', 'TeachingAssistant',
      'TeachingAssistantGroup', 'TeachingAssistantOffering', 'TeachingAssistantSection', 'TeachingAssistantSectionAssociation', 'TeachingAssistantTemplate',
    ],
  },
  Learner: { grant: { course: 'viewer' }, subRoles: ['ExternalLearner', 'GuestLearner', 'Instructor', 'Learner', 'NonCreditLearner'] },
  Manager: { grant: { course: 'manager' }, subRoles: ['AreaManager', 'CourseCoordinator', 'ExternalObserver', 'Manager', 'Observer'] },
  Member: { grant: { course: 'viewer' }, subRoles: ['Member'] },
  Mentor: {
    grant: { course: 'viewer' },
    subRoles: [
      'Advisor', 'Auditor', 'ExternalAdvisor', 'ExternalAuditor', 'ExternalLearningFacilitator', 'ExternalMentor', 'ExternalReviewer',
      'ExternalTutor', 'LearningFacilitator', 'Mentor', 'Reviewer', 'Tutor',
    ],
  },
  Officer: { grant: { course: 'viewer' }, subRoles: ['Chair', 'Communications', 'Secretary', 'Treasurer', 'Vice-Chair'] },
};
// Observers watch; they manage nothing.
const subRoleOverrides: Record<string, RoleGrant> = {
  'Manager#Observer': { course: 'viewer' },
  'Manager#ExternalObserver': { course: 'viewer' },
};

// LIS v2 institution roles (A.2.2). When no context role is present, these decide the course role.
const institutionRoles: Record<string, RoleGrant> = {
  Administrator: { course: 'manager', admin: true },
  Faculty: { course: 'creator' },
  Guest: { course: 'viewer' },
  None: {},
  Other: { course: 'viewer' },
  Staff: { course: 'viewer' },
  Student: { course: 'viewer' },
  Alumni: { course: 'viewer' },
  Instructor: { course: 'creator' },
  Learner: { course: 'viewer' },
  Member: { course: 'viewer' },
  Mentor: { course: 'viewer' },
  Observer: { course: 'viewer' },
  ProspectiveStudent: { course: 'viewer' },
};

// LIS v2 system roles (A.2.1) and the LTI system role TestUser. Only administrators grant anything.
const systemRoles: Record<string, RoleGrant> = {
  Administrator: { admin: true },
  None: {},
  AccountAdmin: {},
  Creator: {},
  SysAdmin: { admin: true },
  SysSupport: {},
  User: {},
};

function buildTable(): Map<string, { scope: Scope; grant: RoleGrant }> {
  const t = new Map<string, { scope: Scope; grant: RoleGrant }>();
  for (const [name, { grant, subRoles }] of Object.entries(contextRoles)) {
    t.set(`${LIS}/membership#${name}`, { scope: 'context', grant });
    // Simple names are deprecated but allowed for context roles (LTI 1.3 §A.2.3.2).
    t.set(name, { scope: 'context', grant });
    for (const sub of subRoles) t.set(`${LIS}/membership/${name}#${sub}`, { scope: 'context', grant: subRoleOverrides[`${name}#${sub}`] ?? grant });
  }
  for (const [name, grant] of Object.entries(institutionRoles)) t.set(`${LIS}/institution/person#${name}`, { scope: 'institution', grant });
  for (const [name, grant] of Object.entries(systemRoles)) t.set(`${LIS}/system/person#${name}`, { scope: 'system', grant });
  t.set(`${SYSTEM}TestUser`, { scope: 'system', grant: {} });
  return t;
}

/** Every role URI the LTI specification defines, with its scope and grant. Exported for tests and docs. */
export const roleTable: ReadonlyMap<string, { scope: Scope; grant: RoleGrant }> = buildTable();

export type CustomRoleMapping = AppRole | 'admin' | 'none';
export type MappedRoles = { courseRole: AppRole; isSiteAdmin: boolean; unknownRoles: string[] };

const rank: Record<AppRole, number> = { viewer: 1, creator: 2, manager: 3 };
function highest(roles: AppRole[]): AppRole | undefined {
  return roles.sort((a, b) => rank[b] - rank[a])[0];
}

function customGrant(value: CustomRoleMapping): RoleGrant {
  if (value === 'none') return {};
  if (value === 'admin') return { admin: true };
  return { course: value };
}

function scopeOf(uri: string): Scope {
  if (uri.includes('/institution/person#')) return 'institution';
  if (uri.includes('/system/person#')) return 'system';
  return 'context';
}

/**
 * Maps the launch's role URIs to the course role and site admin flag. Context roles first (the highest
 * wins); institution roles only when no context role granted a course role; a launch with no usable role
 * gets the least privilege, viewer.
 */
export function mapLtiRoles(roles: readonly string[], custom: Readonly<Record<string, CustomRoleMapping>> = {}): MappedRoles {
  const byScope: Record<Scope, AppRole[]> = { context: [], institution: [], system: [] };
  let isSiteAdmin = false;
  const unknownRoles: string[] = [];
  for (const uri of roles) {
    const customValue = custom[uri];
    const entry = customValue !== undefined ? { scope: scopeOf(uri), grant: customGrant(customValue) } : roleTable.get(uri);
    if (!entry) {
      unknownRoles.push(uri);
      continue;
    }
    if (entry.grant.course) byScope[entry.scope].push(entry.grant.course);
    if (entry.grant.admin) isSiteAdmin = true;
  }
  const courseRole = highest(byScope.context) ?? highest(byScope.institution) ?? 'viewer';
  return { courseRole, isSiteAdmin, unknownRoles };
}
