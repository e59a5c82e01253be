import { decideUnlock, type LockoutRule } from '../../domain/lockout/lockout';
import { DomainError } from '../../domain/user/errors';
import { parseUsername } from '../../domain/user/username';
import { decideAndAppend } from '../decideAndAppend';
import { loadLockout } from '../loginSubject';
import { requireStaff, type Principal } from '../principal';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/eventStore';

/** Staff end a lock, temporary or permanent, and reset the ladder. */
export const unlockAccount =
  (deps: { store: EventStore; clock: Clock; lockout: LockoutRule }) =>
  async (principal: Principal, username: string): Promise<void> => {
    requireStaff(principal);
    const { key } = parseUsername(username);
    await decideAndAppend(
      deps.store,
      () => loadLockout(deps.store, key, deps.lockout),
      async ({ user, lockout }) => {
        if (user.status === 'unregistered') throw new DomainError('user_not_found', 'no such user');
        return { events: decideUnlock(lockout, deps.clock.now(), principal.key), result: undefined, actor: principal.key };
      },
    );
  };
