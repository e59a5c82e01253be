import { parseUsername } from '../../domain/user/username';
import { handleUserCommand } from '../handleUserCommand';
import { requireStaff, type Principal } from '../principal';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/eventStore';

/** The staff actions that take nothing but the user they act on. */
export type AdminAction =
  | 'GrantStaff'
  | 'RevokeStaff'
  | 'DisableDynamicPassword'
  | 'ClearDynamicPasswordSetting'
  | 'DeactivateUser'
  | 'ReactivateUser';

export const administerUser =
  (deps: { store: EventStore; clock: Clock }) =>
  async (principal: Principal, username: string, action: AdminAction): Promise<void> => {
    requireStaff(principal);
    const { key } = parseUsername(username);
    const at = deps.clock.now().toISOString();
    await handleUserCommand(deps.store, key, () => ({ type: action, actor: principal.key, at }));
  };
