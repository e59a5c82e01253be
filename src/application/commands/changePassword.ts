import { checkNewPassword } from '../../domain/user/password';
import { parseUsername } from '../../domain/user/username';
import { handleUserCommand } from '../handleUserCommand';
import { AccessDenied, type Principal } from '../principal';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/eventStore';
import type { PasswordHasher } from '../ports/passwordHasher';

/**
 * Staff may set anyone's password; any user may set their own, given the current credential as
 * they would type it at login (checked by the login itself: one hash, counted by the lockout
 * ladder, recorded), so a stolen token alone cannot take the account over. Earlier tokens stop
 * working.
 */
export const changePassword =
  (deps: { store: EventStore; hasher: PasswordHasher; clock: Clock; checkCredential: (username: string, typed: string) => Promise<boolean> }) =>
  async (principal: Principal, username: string, password: string, currentPassword?: string): Promise<void> => {
    const { key } = parseUsername(username);
    if (!principal.staff && principal.key !== key) throw new AccessDenied('forbidden', 'staff only');
    checkNewPassword(password);
    if (principal.key === key && (currentPassword === undefined || !(await deps.checkCredential(username, currentPassword)))) {
      throw new AccessDenied('forbidden', 'the current password is required to change one\'s own');
    }
    const passwordHash = await deps.hasher.hash(password);
    const at = deps.clock.now().toISOString();
    await handleUserCommand(deps.store, key, () => ({ type: 'ChangePassword', actor: principal.key, at, passwordHash }));
  };
