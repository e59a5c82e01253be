import type { GlobalDynamicPasswordRule } from '../../domain/dynamicPassword/policy';
import { requireStaff, type Principal } from '../principal';
import type { ReadModels } from '../ports/readModels';
import { summarize, type UserSummary } from './getUser';

export const listUsers =
  (deps: { readModels: ReadModels; rule: GlobalDynamicPasswordRule }) =>
  async (principal: Principal): Promise<UserSummary[]> => {
    requireStaff(principal);
    await deps.readModels.catchUp();
    return (await deps.readModels.listUsers()).map((view) => summarize(view, deps.rule));
  };
