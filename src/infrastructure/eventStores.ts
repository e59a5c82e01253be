import type { EventStore } from '../application/ports/eventStore';
import type { EventStoreLocation } from './config';
import { MemoryEventStore } from './memory/memoryEventStore';
import { SqliteEventStore } from './sqlite/sqliteEventStore';

/** DYNPASS_EVENT_STORE picks the adapter; nothing else in the code knows which one runs. */
export function openEventStore(location: EventStoreLocation): EventStore {
  switch (location.kind) {
    case 'memory':
      return new MemoryEventStore();
    case 'sqlite':
      return SqliteEventStore.open(location.path);
    case 'esdb':
      throw new Error('EventStoreDB adapter not wired yet');
  }
}
