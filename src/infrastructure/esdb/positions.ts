import { START, type Position, type ReadPosition } from '@eventstore/db-client';
import { EventStoreError } from '../../application/ports/eventStore';

/**
 * dynpass positions <-> EventStoreDB $all positions.
 *
 * $all is ordered by {commit, prepare}. Every append through gRPC (the only write path of this client:
 * it has no transactions) is written as self-committed prepare records, and for those the server
 * reports commit === prepare === the record's log position: readAll and subscriptions build the
 * position as TFPos(prepare.LogPosition, prepare.LogPosition) for records flagged IsCommitted, and
 * stream reads of self-committed events report the same pair (KurrentDB sources: AllReader.cs,
 * Data/ResolvedEvent.cs CalculatePosition). So one number, the prepare position, identifies the event
 * exactly, is strictly increasing in $all order, fits in an int64 (SQLite checkpoints), and converts
 * back losslessly as {commit: p, prepare: p}.
 *
 * What would break that is refused loudly rather than mapped approximately: an event from a legacy
 * TCP-client explicit transaction (commit !== prepare) or a server that reports no position for it
 * (older servers send -1, which the client turns into 2^64 - 1, on stream reads).
 */

const MAX_INT64 = (1n << 63n) - 1n;

export function toGlobalPosition(position: Position | undefined, where: string): bigint {
  if (position === undefined || position.prepare < 0n || position.prepare > MAX_INT64) {
    throw new EventStoreError(
      `${where}: the server reported no $all position for the event (EventStoreDB 24.x reports one for every event written through gRPC)`,
    );
  }
  if (position.commit !== position.prepare) {
    throw new EventStoreError(
      `${where}: event at commit ${position.commit} / prepare ${position.prepare} was written in an explicit transaction; dynpass streams must only be written through this adapter`,
    );
  }
  return position.prepare;
}

/**
 * Where to start reading or subscribing so that nothing after `after` is missed. Only ever an exact
 * event position (one this adapter returned) or the start: the server rejects or misreads positions
 * that fall inside a record. Callers still drop events at or before `after` themselves, because
 * readAll treats the start position as inclusive.
 */
export function toReadPosition(after: bigint | undefined): ReadPosition {
  if (after === undefined || after <= 0n) return START;
  return { commit: after, prepare: after };
}

/** Lexicographic order of $all positions, used to page through records that are not ours. */
export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}
