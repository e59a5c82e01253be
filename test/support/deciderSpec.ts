import type { UserCommand } from '../../src/domain/user/commands';
import { decideUser } from '../../src/domain/user/decide';
import type { UserEvent } from '../../src/domain/user/events';
import { evolveUser, initialUserState } from '../../src/domain/user/state';

/** given(events).when(command).then(events) | thenThrows(code), for the User decider. */
export function given(...history: UserEvent[]) {
  const state = history.reduce(evolveUser, initialUserState());
  return {
    when: (command: UserCommand) => ({
      then: (expected: UserEvent[]) => expect(decideUser(command, state)).toEqual(expected),
      thenThrows: (code: string) => expect(() => decideUser(command, state)).toThrow(expect.objectContaining({ code })),
    }),
  };
}
