import type { EventStore } from '../../src/application/ports/eventStore';

/** Everything in the store as one JSON text, for "this secret appears nowhere" assertions. */
export async function dumpStore(store: EventStore): Promise<string> {
  return JSON.stringify(await store.readAll({ limit: 1_000_000 }), (_key, value) => (typeof value === 'bigint' ? value.toString() : value));
}
