import type { UserCommand } from '../domain/user/commands';
import { decideUser } from '../domain/user/decide';
import { USER_EVENT_TYPES, type UserEvent } from '../domain/user/events';
import { evolveUser, initialUserState, type UserState } from '../domain/user/state';
import { WrongExpectedRevisionError, type EventStore, type NewEvent, type RecordedEvent } from './ports/eventStore';
import { userStream } from './streams';

export const SCHEMA_VERSION = 1;

export interface LoadedUser {
  readonly state: UserState;
  /** What to expect when appending the next decision: the revision read, or no stream yet. */
  readonly revision: bigint | 'no_stream';
}

const userEventTypes: ReadonlySet<string> = new Set(USER_EVENT_TYPES);

export function asUserEvent(event: RecordedEvent): UserEvent | null {
  return userEventTypes.has(event.type) ? ({ type: event.type, data: event.data } as unknown as UserEvent) : null;
}

export async function loadUser(store: EventStore, key: string): Promise<LoadedUser> {
  const recorded = await store.readStream(userStream(key));
  let state = initialUserState();
  for (const event of recorded) {
    const userEvent = asUserEvent(event);
    if (userEvent) state = evolveUser(state, userEvent);
  }
  const last = recorded.at(-1);
  return { state, revision: last ? last.revision : 'no_stream' };
}

export function toNewEvents(events: readonly UserEvent[], actor: string): NewEvent[] {
  return events.map((event) => ({ type: event.type, data: event.data, metadata: { actor, schemaVersion: SCHEMA_VERSION } }));
}

const MAX_ATTEMPTS = 20;

/**
 * Read and fold the stream, decide, append expecting the revision read. Another writer in between
 * makes the append fail with a conflict; then the whole cycle runs again on the fresh state.
 */
export async function handleUserCommand(
  store: EventStore,
  key: string,
  commandFor: (state: UserState) => UserCommand,
  /** The stream as the caller just read it, to save the first read. */
  alreadyLoaded?: LoadedUser,
): Promise<{ events: UserEvent[]; state: UserState }> {
  for (let attempt = 1; ; attempt++) {
    const { state, revision } = attempt === 1 && alreadyLoaded ? alreadyLoaded : await loadUser(store, key);
    const command = commandFor(state);
    const events = decideUser(command, state);
    if (events.length === 0) return { events, state };
    const actor = 'actor' in command ? command.actor : command.attempt.actor;
    try {
      await store.append(userStream(key), toNewEvents(events, actor), revision);
      return { events, state: events.reduce(evolveUser, state) };
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
