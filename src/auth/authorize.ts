// The guard every use case starts with: throws 401 for anonymous actors and 403 for the rest.
import { ForbiddenError, UnauthenticatedError } from '../http/errors.js';
import { isAllowed, type Action, type Actor, type Resource } from './permissions.js';

export function authorize(actor: Actor, action: Action, resource: Resource): void {
  if (isAllowed(actor, action, resource)) return;
  if (actor.kind === 'anonymous') throw new UnauthenticatedError();
  throw new ForbiddenError(`Not allowed: ${action}`, 'forbidden');
}
