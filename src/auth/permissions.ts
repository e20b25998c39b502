// One pure table: app roles × actions. Every use case calls authorize(actor, action, resource) first.
// Features add their actions here (one row each), so the whole access policy reads in one place.

export const appRoles = ['viewer', 'creator', 'manager'] as const;
export type AppRole = (typeof appRoles)[number];

/**
 * yes: allowed in the actor's course; own: only on videos the actor owns or co-edits; owner: only on videos
 * the actor owns (not co-editors); no: never.
 */
type Grant = 'yes' | 'own' | 'owner' | 'no';

export const permissionTable = {
  'course.view': { viewer: 'yes', creator: 'yes', manager: 'yes' },
  'course.manage': { viewer: 'no', creator: 'no', manager: 'yes' },
  'video.view': { viewer: 'yes', creator: 'yes', manager: 'yes' },
  'video.viewUnpublished': { viewer: 'no', creator: 'yes', manager: 'yes' },
  'video.upload': { viewer: 'no', creator: 'yes', manager: 'yes' },
  'video.edit': { viewer: 'no', creator: 'own', manager: 'yes' },
  'video.publish': { viewer: 'no', creator: 'own', manager: 'yes' },
  // Co-editors edit, publish and caption; trashing the video stays with its owner.
  'video.delete': { viewer: 'no', creator: 'owner', manager: 'yes' },
  'caption.edit': { viewer: 'no', creator: 'own', manager: 'yes' },
  // Caption compliance of a course (and its ASR-on-publish setting): the course's teachers and managers.
  'caption.compliance': { viewer: 'no', creator: 'yes', manager: 'yes' },
  // Exempting a video from the caption rule is a course manager's (or a site admin's) decision, audited.
  'caption.exempt': { viewer: 'no', creator: 'no', manager: 'yes' },
  'deepLink.pick': { viewer: 'no', creator: 'yes', manager: 'yes' },
  // Adding co-editors and handing the video to someone else: the owner's decision (or a site admin's).
  'video.manageEditors': { viewer: 'no', creator: 'owner', manager: 'owner' },
  'video.transfer': { viewer: 'no', creator: 'owner', manager: 'owner' },
  // Site-wide actions: no course role grants them; only site admins (and the system actor) pass.
  'admin.site': { viewer: 'no', creator: 'no', manager: 'no' },
  'platform.manage': { viewer: 'no', creator: 'no', manager: 'no' },
  'moderation.manage': { viewer: 'no', creator: 'no', manager: 'no' },
  'privacy.manage': { viewer: 'no', creator: 'no', manager: 'no' },
} as const satisfies Record<string, Record<AppRole, Grant>>;

export type Action = keyof typeof permissionTable;
export const actions = Object.keys(permissionTable) as Action[];

export type Actor =
  | { kind: 'anonymous' }
  | { kind: 'system' }
  | { kind: 'user'; userId: string; isSiteAdmin: boolean; course: { courseId: string; role: AppRole } | null; isDirectSignIn?: boolean };

export type Resource = { kind: 'site' } | { kind: 'course'; courseId: string } | { kind: 'video'; courseId: string; ownerId: string; editorIds?: readonly string[] };

export const anonymousActor: Actor = { kind: 'anonymous' };
export const systemActor: Actor = { kind: 'system' };

/** The pure decision. Site admins and the system actor may do everything; others need a grant in the resource's course. */
export function isAllowed(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.kind === 'system') return true;
  if (actor.kind === 'anonymous') return false;
  if (actor.isSiteAdmin) return true;
  if (!actor.course && actor.isDirectSignIn) return isAllowedOnOwnVideo(actor.userId, action, resource);
  if (resource.kind === 'site' || !actor.course || actor.course.courseId !== resource.courseId) return false;
  const grant: Grant = permissionTable[action][actor.course.role];
  if (grant === 'yes') return true;
  if (resource.kind !== 'video') return false;
  if (resource.ownerId === actor.userId) return grant === 'own' || grant === 'owner';
  // Co-editors share what `own` grants (editing, captions), never what only the owner may do.
  return grant === 'own' && (resource.editorIds?.includes(actor.userId) ?? false);
}

/** Watching one's own (or co-edited) video: granted course-wide to creators, so a direct sign-in needs it named. */
const ownVideoViewing: readonly Action[] = ['video.view', 'video.viewUnpublished'];

/**
 * A staff member signed in directly (OIDC) has no course, so nothing course-wide (`yes`) applies: on a
 * video they own or co-edit they get exactly the creator's `own`/`owner` grants, plus watching it.
 */
function isAllowedOnOwnVideo(userId: string, action: Action, resource: Resource): boolean {
  if (resource.kind !== 'video') return false;
  const isOwner = resource.ownerId === userId;
  const isEditor = resource.editorIds?.includes(userId) ?? false;
  if (!isOwner && !isEditor) return false;
  if (ownVideoViewing.includes(action)) return true;
  const grant: Grant = permissionTable[action].creator;
  return isOwner ? grant === 'own' || grant === 'owner' : grant === 'own';
}

/** Precomputed `can` flags for templates. */
export function canFlags<A extends Action>(actor: Actor, wanted: readonly A[], resource: Resource): Record<A, boolean> {
  return Object.fromEntries(wanted.map((a) => [a, isAllowed(actor, a, resource)])) as Record<A, boolean>;
}
