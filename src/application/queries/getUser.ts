import { requirementFor, type GlobalDynamicPasswordRule } from '../../domain/dynamicPassword/policy';
import { DomainError } from '../../domain/user/errors';
import { parseUsername } from '../../domain/user/username';
import { AccessDenied, type Principal } from '../principal';
import type { ReadModels, UserView } from '../ports/readModels';

/** What clients see of a user: never a hash, never a pattern. */
export interface UserSummary {
  readonly username: string;
  readonly staff: boolean;
  readonly active: boolean;
  readonly dynamicPassword: { readonly required: boolean; readonly source: 'user' | 'global' };
}

export function summarize(view: UserView, rule: GlobalDynamicPasswordRule): UserSummary {
  const requirement = requirementFor(view, rule);
  return {
    username: view.username,
    staff: view.staff,
    active: view.active,
    dynamicPassword: { required: requirement.kind === 'dynamic', source: requirement.source },
  };
}

/** Staff may read anyone; a user may read themselves. */
export const getUser =
  (deps: { readModels: ReadModels; rule: GlobalDynamicPasswordRule }) =>
  async (principal: Principal, username: string): Promise<UserSummary> => {
    const { key } = parseUsername(username);
    if (!principal.staff && principal.key !== key) throw new AccessDenied('forbidden', 'staff only');
    await deps.readModels.catchUp();
    const view = await deps.readModels.getUser(key);
    if (!view) throw new DomainError('user_not_found', 'no such user');
    return summarize(view, deps.rule);
  };
