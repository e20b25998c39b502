// One pure table: app roles × actions. Every use case calls authorize(actor, action, resource) first.
// Features add their actions here (one row each), so the whole access policy reads in one place.

export const appRoles = ['viewer', 'creator', 'manager'] as const;
export type AppRole = (typeof appRoles)[number];

/** yes: allowed in the actor's course; own: only on resources the actor owns; no: never. */
type Grant = 'yes' | 'own' | 'no';

export const permissionTable = {
  'course.view': { viewer: 'yes', creator: 'yes', manager: 'yes' },
  'course.manage': { viewer: 'no', creator: 'no', manager: 'yes' },
  'video.view': { viewer: 'yes', creator: 'yes', manager: 'yes' },
  'video.viewUnpublished': { viewer: 'no', creator: 'yes', manager: 'yes' },
  'video.upload': { viewer: 'no', creator: 'yes', manager: 'yes' },
  'video.edit': { viewer: 'no', creator: 'own', manager: 'yes' },
  'video.publish': { viewer: 'no', creator: 'own', manager: 'yes' },
  'video.delete': { viewer: 'no', creator: 'own', manager: 'yes' },
  'caption.edit': { viewer: 'no', creator: 'own', manager: 'yes' },
  'deepLink.pick': { viewer: 'no', creator: 'yes', manager: 'yes' },
  // Site-wide actions: no course role grants them; only site admins (and the system actor) pass.
  'admin.site': { viewer: 'no', creator: 'no', manager: 'no' },
  'platform.manage': { viewer: 'no', creator: 'no', manager: 'no' },
} as const satisfies Record<string, Record<AppRole, Grant>>;

export type Action = keyof typeof permissionTable;
export const actions = Object.keys(permissionTable) as Action[];

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system' }
  | { kind: 'user'; userId: string; isSiteAdmin: boolean; course: { courseId: string; role: AppRole } | null };

export type Resource = { kind: 'site' } | { kind: 'course'; courseId: string } | { kind: 'video'; courseId: string; ownerId: string };

export const anonymousActor: Actor = { kind: 'anonymous' };
export const systemActor: Actor = { kind: 'system' };

/** The pure decision. Site admins and the system actor may do everything; others need a grant in the resource's course. */
export function isAllowed(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'anonymous') return false;
  if (actor.isSiteAdmin) return true;
  if (resource.kind === 'site' || !actor.course || actor.course.courseId !== resource.courseId) return false;
  const grant: Grant = permissionTable[action][actor.course.role];
  if (grant === 'yes') return true;
  return grant === 'own' && resource.kind === 'video' && resource.ownerId === actor.userId;
}

/** Precomputed `can` flags for templates. */
export function canFlags<A extends Action>(actor: Actor, wanted: readonly A[], resource: Resource): Record<A, boolean> {
  return Object.fromEntries(wanted.map((a) => [a, isAllowed(actor, a, resource)])) as Record<A, boolean>;
}
