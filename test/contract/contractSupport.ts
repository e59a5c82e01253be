import { randomUUID } from 'node:crypto';
import {
  WrongExpectedRevisionError,
  type EventMetadata,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '../../src/application/ports/eventStore';

/**
 * Helpers for the contract cases. Every case uses fresh, uniquely named streams and reads $all only
 * after a marker it appended itself, so an adapter may run the whole suite on one shared database
 * (e.g. one EventStoreDB server); it only assumes nothing else writes while a case runs.
 */

/** The store of the running case (each case gets a fresh one from makeStore). */
export type CurrentStore = () => EventStore;

export const metadata: EventMetadata = { actor: 'contract', schemaVersion: 1 };

export type TestEvent = NewEvent & { readonly id: string };

export function newEvent(data: Record<string, unknown> = {}, type = 'ContractTested'): TestEvent {
  return { id: randomUUID(), type, data, metadata };
}

export function newEvents(count: number): TestEvent[] {
  return Array.from({ length: count }, (_, index) => newEvent({ index }));
}

/** `<category>-<uuid without dashes>`: no dash inside the category, as stream names are built. */
export function newStreamId(category = 'contract'): string {
  return `${category}-${randomUUID().replaceAll('-', '')}`;
}

/** The position of a fresh marker event: whatever the case appends next comes after it. */
export async function markPosition(store: EventStore): Promise<bigint> {
  const result = await store.append(newStreamId('marker'), [newEvent({}, 'Marker')], 'no_stream');
  return result.position;
}

export function ids(events: readonly { readonly id: string }[]): string[] {
  return events.map((event) => event.id);
}

export function expectIncreasingPositions(events: readonly RecordedEvent[]): void {
  events.slice(1).forEach((event, index) => {
    expect(event.position).toBeGreaterThan((events[index] as RecordedEvent).position);
  });
}

export async function expectConflict(
  append: Promise<unknown>,
  conflict: { streamId: string; expected: ExpectedRevision; actual: bigint | 'no_stream' },
): Promise<void> {
  const error = await append.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(WrongExpectedRevisionError);
  expect(error).toMatchObject(conflict);
}

/** Every event of $all after `after`, page by page. */
export async function readAllPages(store: EventStore, after?: bigint): Promise<RecordedEvent[]> {
  const events: RecordedEvent[] = [];
  for (let cursor = after; ; ) {
    const page = await store.readAll({ after: cursor, limit: 500 });
    if (page.length === 0) return events;
    events.push(...page);
    cursor = (page[page.length - 1] as RecordedEvent).position;
  }
}
