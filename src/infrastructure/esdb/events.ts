import {
  jsonEvent,
  streamNameFilter,
  type EventData,
  type Filter,
  type Position,
} from '@eventstore/db-client';
import { EventStoreError, type EventMetadata, type RecordedEvent } from '../../application/ports/eventStore';
import type { PreparedEvent } from '../eventStore/newEvents';
import { toGlobalPosition } from './positions';

/** The fields of a client RecordedEvent this adapter reads (JSON and binary events alike). */
export interface EsdbEventView {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly type: string;
  readonly isJson: boolean;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly created: Date;
  readonly position?: Position;
}

/**
 * A checked event as the client sends it. The id is the caller's (idempotent retries) or a new UUID;
 * data and metadata are parsed back from the checked JSON, so nothing the caller holds is sent.
 */
export function toEventData(event: PreparedEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    data: JSON.parse(event.dataJson) as Record<string, unknown>,
    metadata: JSON.parse(event.metadataJson) as Record<string, unknown>,
  });
}

/** A stored event as the port returns it; anything not written by this adapter is refused, not guessed. */
export function toRecordedEvent(event: EsdbEventView): RecordedEvent {
  const where = `event ${event.revision}@${event.streamId}`;
  if (!event.isJson || !isPlainObject(event.data)) {
    throw new EventStoreError(`${where}: data is not a JSON object`);
  }
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: toGlobalPosition(event.position, where),
    type: event.type,
    data: event.data,
    metadata: toMetadata(event.metadata, where),
    recordedAt: event.created.toISOString(),
  };
}

function toMetadata(metadata: unknown, where: string): EventMetadata {
  if (
    !isPlainObject(metadata) ||
    typeof metadata.actor !== 'string' ||
    typeof metadata.schemaVersion !== 'number'
  ) {
    throw new EventStoreError(`${where}: metadata lacks actor and schemaVersion`);
  }
  return metadata as unknown as EventMetadata;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/**
 * Which streams belong to dynpass: never EventStoreDB's own ($-prefixed streams, $-typed events such
 * as links and stream-deletion markers), and, when prefixes are configured, only streams starting
 * with one of them. An empty list means every non-system stream.
 */
export function isDynpassEvent(
  event: { readonly streamId: string; readonly type: string },
  prefixes: readonly string[],
): boolean {
  if (event.streamId.startsWith('$') || event.type.startsWith('$')) return false;
  return prefixes.length === 0 || prefixes.some((prefix) => event.streamId.startsWith(prefix));
}

/**
 * The same selection as a server-side filter on stream names (one expression per subscription:
 * prefixes, or a regex that excludes system streams). $-typed events inside our own streams are
 * dropped on the client by isDynpassEvent.
 */
export function dynpassStreamFilter(prefixes: readonly string[]): Filter {
  return prefixes.length === 0
    ? streamNameFilter({ regex: '^[^$]' })
    : streamNameFilter({ prefixes: [...prefixes] });
}

export function checkStreamPrefixes(prefixes: readonly string[]): readonly string[] {
  for (const prefix of prefixes) {
    if (typeof prefix !== 'string' || prefix === '' || prefix.startsWith('$')) {
      throw new TypeError('stream prefixes must be non-empty and must not start with "$"');
    }
  }
  return Object.freeze([...prefixes]);
}
