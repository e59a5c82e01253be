import type { EventStore } from '../application/ports/eventStore';
import { DYNPASS_STREAM_PREFIXES } from '../application/streams';
import type { EventStoreLocation } from './config';
import { EsdbEventStore } from './esdb/esdbEventStore';
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
      return new EsdbEventStore(location.connectionString, { streamPrefixes: DYNPASS_STREAM_PREFIXES });
  }
}
