import { checkNewPassword } from '../../domain/user/password';
import { parseUsername } from '../../domain/user/username';
import { handleUserCommand } from '../handleUserCommand';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/eventStore';
import type { PasswordHasher } from '../ports/passwordHasher';

export interface RegisterUserInput {
  readonly username: string;
  readonly password: string;
  readonly staff: boolean;
  /** Username key of whoever registers, or 'system'. */
  readonly actor: string;
}

/**
 * Uniqueness needs no read-then-check: the user's stream is created expecting no stream, so of
 * concurrent registrations of one name exactly one append succeeds; the others re-read and are
 * told the name is taken.
 */
export const registerUser =
  (deps: { store: EventStore; hasher: PasswordHasher; clock: Clock }) =>
  async (input: RegisterUserInput): Promise<{ key: string; username: string; staff: boolean }> => {
    const username = parseUsername(input.username);
    checkNewPassword(input.password);
    const passwordHash = await deps.hasher.hash(input.password);
    const at = deps.clock.now().toISOString();
    await handleUserCommand(deps.store, username.key, () => ({
      type: 'RegisterUser',
      actor: input.actor,
      at,
      username: username.display,
      staff: input.staff,
      passwordHash,
    }));
    return { key: username.key, username: username.display, staff: input.staff };
  };
