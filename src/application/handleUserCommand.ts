import type { UserCommand } from '../domain/user/commands';
import { decideUser } from '../domain/user/decide';
import { USER_EVENT_TYPES, type UserEvent } from '../domain/user/events';
import { evolveUser, initialUserState, type UserState } from '../domain/user/state';
import { decideAndAppend, type LoadedStream } from './decideAndAppend';
import type { EventStore, RecordedEvent } from './ports/eventStore';
import { userStream } from './streams';

export interface LoadedUser extends LoadedStream {
  readonly state: UserState;
}

const userEventTypes: ReadonlySet<string> = new Set(USER_EVENT_TYPES);

export function asUserEvent(event: RecordedEvent): UserEvent | null {
  return userEventTypes.has(event.type) ? ({ type: event.type, data: event.data } as unknown as UserEvent) : null;
}

export async function loadUser(store: EventStore, key: string): Promise<LoadedUser> {
  const streamId = userStream(key);
  const recorded = await store.readStream(streamId);
  let state = initialUserState();
  for (const event of recorded) {
    const userEvent = asUserEvent(event);
    if (userEvent) state = evolveUser(state, userEvent);
  }
  const last = recorded.at(-1);
  return { streamId, state, revision: last ? last.revision : 'no_stream' };
}

/** Runs a User command through the decider, retrying on concurrent writes. */
export function handleUserCommand(store: EventStore, key: string, commandFor: (state: UserState) => UserCommand): Promise<UserEvent[]> {
  return decideAndAppend(
    store,
    () => loadUser(store, key),
    async ({ state }) => {
      const command = commandFor(state);
      const events = decideUser(command, state);
      return { events, result: events, actor: 'actor' in command ? command.actor : command.attempt.actor };
    },
  );
}
