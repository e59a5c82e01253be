import { DomainError } from '../../domain/user/errors';
import { SYSTEM_ACTOR } from '../principal';
import type { ReadModels } from '../ports/readModels';
import type { RegisterUserInput } from './registerUser';

export type BootstrapResult = 'existing_users' | 'created' | 'taken_meanwhile';

/**
 * On a store with no users, creates the first staff user. Two instances starting at once on an
 * empty store both try; the name's stream lets exactly one succeed.
 */
export async function bootstrapAdmin(
  deps: { readModels: ReadModels; register: (input: RegisterUserInput) => Promise<unknown> },
  admin: { username: string; password: string },
): Promise<BootstrapResult> {
  await deps.readModels.catchUp();
  if ((await deps.readModels.listUsers()).length > 0) return 'existing_users';
  try {
    await deps.register({ ...admin, staff: true, actor: SYSTEM_ACTOR });
    return 'created';
  } catch (error) {
    if (error instanceof DomainError && error.code === 'username_taken') return 'taken_meanwhile';
    throw error;
  }
}
