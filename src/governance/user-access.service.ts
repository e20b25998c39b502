// Site admins disable and re-enable accounts. A disabled user's launches are refused, every request
// of an existing session is refused by the gate (terms-gate.ts), and the media tokens they hold stop
// working (the media block list: here at once, in other processes within its reload interval); nothing
// is deleted, so re-enabling restores everything. Each change commits with its audit event.
import { z } from 'zod';
import { authorize } from '../auth/authorize.js';
import type { Actor } from '../auth/permissions.js';
import type { Db } from '../db/database.js';
import { BadRequestError, NotFoundError } from '../http/errors.js';
import { parseInput } from '../http/validate.js';
import { recordAudit } from './audit.js';
import type { MediaBlockList } from './media-block-list.js';
import { searchUsers, setUserDisabled, type UserRow } from './user-access.repo.js';

export type UserAccessDeps = { db: Db; now: () => Date; blocks?: Pick<MediaBlockList, 'noteUserDisabled'> };

export const userSearchInput = z.object({ q: z.string().trim().max(200, 'is too long (200 characters at most)').default('') });
export const accessChangeInput = z.object({ reason: z.string().trim().max(1000, 'is too long (1,000 characters at most)').default('') });

export async function findUsersForAdmin(deps: UserAccessDeps, actor: Actor, input: unknown): Promise<{ search: string; users: UserRow[] }> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const { q } = parseInput(userSearchInput, input);
  return { search: q, users: await searchUsers(deps.db, { search: q, limit: 100 }) };
}

export async function changeUserAccess(deps: UserAccessDeps, actor: Actor, opts: { userId: string; enable: boolean; input: unknown; ip?: string | null }): Promise<void> {
  authorize(actor, 'admin.site', { kind: 'site' });
  const { reason } = parseInput(accessChangeInput, opts.input);
  if (!/^\d{1,18}$/.test(opts.userId)) throw new NotFoundError(`No user with id ${opts.userId}`);
  const by = actor.kind === 'user' ? actor.userId : null;
  if (!opts.enable && !reason) throw new BadRequestError('Give a reason for disabling the account: it is kept in the audit log', undefined, 'reason_required');
  if (!opts.enable && by === opts.userId) throw new BadRequestError('You cannot disable your own account', undefined, 'cannot_disable_self');
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    const found = await setUserDisabled(trx, { userId: opts.userId, disabled: opts.enable ? null : { at: now, reason, by } });
    if (!found) throw new NotFoundError(`No user with id ${opts.userId}`);
    await recordAudit(trx, { action: opts.enable ? 'user.enabled' : 'user.disabled', actorId: by, subject: { kind: 'user', id: opts.userId }, reason, ip: opts.ip, at: now });
  });
  deps.blocks?.noteUserDisabled(opts.userId, !opts.enable);
}
