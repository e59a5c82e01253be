import { checkNewPassword } from '../../domain/user/password';
import { parseUsername } from '../../domain/user/username';
import { handleUserCommand } from '../handleUserCommand';
import { AccessDenied, type Principal } from '../principal';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/eventStore';
import type { PasswordHasher } from '../ports/passwordHasher';

/** Staff may set anyone's password; any user may set their own. Earlier tokens stop working. */
export const changePassword =
  (deps: { store: EventStore; hasher: PasswordHasher; clock: Clock }) =>
  async (principal: Principal, username: string, password: string): Promise<void> => {
    const { key } = parseUsername(username);
    if (!principal.staff && principal.key !== key) throw new AccessDenied('forbidden', 'staff only');
    checkNewPassword(password);
    const passwordHash = await deps.hasher.hash(password);
    const at = deps.clock.now().toISOString();
    await handleUserCommand(deps.store, key, () => ({ type: 'ChangePassword', actor: principal.key, at, passwordHash }));
  };
