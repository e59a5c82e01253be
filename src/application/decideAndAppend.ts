import type { UserEvent } from '../domain/user/events';
import { WrongExpectedRevisionError, type EventStore, type NewEvent } from './ports/eventStore';

export const SCHEMA_VERSION = 1;
const MAX_ATTEMPTS = 20;

export interface LoadedStream {
  readonly streamId: string;
  /** What to expect when appending: the revision read, or no stream yet. */
  readonly revision: bigint | 'no_stream';
}

export function toNewEvents(events: readonly UserEvent[], actor: string): NewEvent[] {
  return events.map((event) => ({ type: event.type, data: event.data, metadata: { actor, schemaVersion: SCHEMA_VERSION } }));
}

/**
 * The one command-handling loop: load and fold a stream, decide, append expecting the revision
 * read. When another writer got there first the append fails with a conflict, and the whole cycle
 * runs again on the fresh history.
 */
export async function decideAndAppend<L extends LoadedStream, R>(
  store: EventStore,
  load: () => Promise<L>,
  decide: (loaded: L) => Promise<{ events: UserEvent[]; result: R; actor: string }>,
  /** The stream as the caller just read it, to save the first read. */
  alreadyLoaded?: L,
): Promise<R> {
  for (let attempt = 1; ; attempt++) {
    const loaded = attempt === 1 && alreadyLoaded ? alreadyLoaded : await load();
    const { events, result, actor } = await decide(loaded);
    if (events.length === 0) return result;
    try {
      await store.append(loaded.streamId, toNewEvents(events, actor), loaded.revision);
      return result;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
    }
  }
}
