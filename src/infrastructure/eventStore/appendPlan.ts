import {
  EventStoreError,
  WrongExpectedRevisionError,
  type AppendResult,
  type ExpectedRevision,
} from '../../application/ports/eventStore';
import type { PreparedEvent } from './newEvents';

/**
 * The decision every adapter takes inside its write lock, following EventStoreDB's semantics:
 *
 * - A retry of a whole earlier append (same ids, same order, at the revision the expected revision
 *   points to, or anywhere for 'any' / 'stream_exists') writes nothing and returns the first result.
 * - Otherwise the expected revision must match the stream, or WrongExpectedRevisionError.
 * - Reusing an id already in the stream in any other way is refused with EventStoreError rather than
 *   a conflict: a retrying command handler would otherwise loop on it forever.
 */

/** What an adapter can tell about one stream, read within the same transaction as the write. */
export interface StreamView {
  /** Revision of the last event, or undefined when the stream has none. */
  lastRevision(): bigint | undefined;
  /** Revision of the event with this id in the stream, if any. */
  revisionOf(id: string): bigint | undefined;
  /** Id and position of the event at this revision, if any. */
  eventAt(revision: bigint): { readonly id: string; readonly position: bigint } | undefined;
}

export type AppendPlan =
  | { readonly kind: 'replay'; readonly result: AppendResult }
  | { readonly kind: 'write'; readonly firstRevision: bigint };

export function planAppend(
  streamId: string,
  events: readonly PreparedEvent[],
  expected: ExpectedRevision,
  view: StreamView,
): AppendPlan {
  const replay = findReplay(events, expected, view);
  if (replay) return { kind: 'replay', result: replay };
  const last = view.lastRevision();
  checkExpectedRevision(streamId, expected, last);
  if (events.some((event) => view.revisionOf(event.id) !== undefined)) {
    throw new EventStoreError(
      'an event id is already in the stream; only an identical retry of a whole append is idempotent',
    );
  }
  return { kind: 'write', firstRevision: last === undefined ? 0n : last + 1n };
}

export function checkExpectedRevision(
  streamId: string,
  expected: ExpectedRevision,
  last: bigint | undefined,
): void {
  const matches =
    expected === 'any' ||
    (expected === 'no_stream' && last === undefined) ||
    (expected === 'stream_exists' && last !== undefined) ||
    expected === last;
  if (!matches) throw new WrongExpectedRevisionError(streamId, expected, last ?? 'no_stream');
}

function findReplay(
  events: readonly PreparedEvent[],
  expected: ExpectedRevision,
  view: StreamView,
): AppendResult | undefined {
  const [first] = events;
  const start = first === undefined ? undefined : view.revisionOf(first.id);
  if (start === undefined || !replayStartAllowed(expected, start)) return undefined;
  let position: bigint | undefined;
  for (const [index, event] of events.entries()) {
    const stored = view.eventAt(start + BigInt(index));
    if (stored?.id !== event.id) return undefined;
    position = stored.position;
  }
  if (position === undefined) return undefined;
  return { nextExpectedRevision: start + BigInt(events.length - 1), position };
}

function replayStartAllowed(expected: ExpectedRevision, start: bigint): boolean {
  if (expected === 'any' || expected === 'stream_exists') return true;
  return start === (expected === 'no_stream' ? 0n : expected + 1n);
}
