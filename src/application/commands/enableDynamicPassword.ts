import { hasTimePart, isValidTimeZone } from '../../domain/dynamicPassword/pattern';
import { parseUsablePattern, type GlobalDynamicPasswordRule } from '../../domain/dynamicPassword/policy';
import { DomainError } from '../../domain/user/errors';
import { parseUsername } from '../../domain/user/username';
import { handleUserCommand } from '../handleUserCommand';
import { requireStaff, type Principal } from '../principal';
import type { Clock } from '../ports/clock';
import type { EventStore } from '../ports/eventStore';

/** Turns the dynamic password on for one user, with their own pattern and time zone if given. */
export const enableDynamicPassword =
  (deps: { store: EventStore; clock: Clock; rule: GlobalDynamicPasswordRule }) =>
  async (principal: Principal, username: string, options: { pattern?: string; timeZone?: string }): Promise<void> => {
    requireStaff(principal);
    const { key } = parseUsername(username);
    // A pattern without a time part would quietly make the plain password enough: refuse it.
    if (options.timeZone !== undefined && !isValidTimeZone(options.timeZone)) {
      throw new DomainError('invalid_time_zone', 'timeZone must be an IANA time zone name');
    }
    const pattern = parseUsablePattern(options.pattern ?? deps.rule.pattern.source, options.timeZone ?? deps.rule.timeZone);
    if (!hasTimePart(pattern)) throw new DomainError('pattern_without_time_part', 'the pattern has no time part');
    const at = deps.clock.now().toISOString();
    await handleUserCommand(deps.store, key, () => ({ type: 'EnableDynamicPassword', actor: principal.key, at, ...options }));
  };
