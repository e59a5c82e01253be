import {
  ANY,
  NO_STREAM,
  STREAM_EXISTS,
  type AppendExpectedRevision,
  type CurrentRevision,
} from '@eventstore/db-client';
import type { ExpectedRevision } from '../../application/ports/eventStore';

/**
 * Our expected revision -> the client's. Always passed explicitly: the client's default is "any",
 * which would silently drop the concurrency check. A negative bigint is refused here rather than
 * sent: the server answers -1n with a cryptic error instead of "no stream".
 */
export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      if (typeof expected !== 'bigint' || expected < 0n) {
        throw new TypeError("expected revision must be 'any', 'no_stream', 'stream_exists' or a bigint >= 0n");
      }
      return expected;
  }
}

/**
 * The revision a conflict reports as current. The client gives a bigint or 'no_stream'; older
 * servers (and the client with throwOnAppendFailure off) encode "no stream" as -1.
 */
export function fromEsdbCurrentRevision(current: CurrentRevision | bigint): bigint | 'no_stream' {
  if (current === NO_STREAM) return 'no_stream';
  return current < 0n ? 'no_stream' : current;
}
