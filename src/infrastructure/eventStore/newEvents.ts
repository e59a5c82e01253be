import { randomUUID } from 'node:crypto';
import type { ExpectedRevision, NewEvent } from '../../application/ports/eventStore';

/**
 * Input checks shared by every adapter, so they all refuse the same things before writing anything.
 * Invalid input is a caller bug, reported as a TypeError (never as a conflict, which callers retry).
 * Messages name where the problem is, never the offending value (it may be a password hash).
 */

/** An event checked and serialised once, before a store writes it. */
export interface PreparedEvent {
  readonly id: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function prepareAppend(
  streamId: string,
  events: readonly NewEvent[],
  expected: ExpectedRevision,
): PreparedEvent[] {
  assertStreamId(streamId);
  assertExpectedRevision(expected);
  if (!Array.isArray(events) || events.length === 0) {
    throw new TypeError('append needs at least one event');
  }
  const ids = new Set<string>();
  return events.map((event, index) => {
    const prepared = prepareEvent(event, `events[${index}]`);
    if (ids.has(prepared.id)) throw new TypeError(`events[${index}].id repeats an id of the same append`);
    ids.add(prepared.id);
    return prepared;
  });
}

export function assertStreamId(streamId: string): void {
  if (typeof streamId !== 'string' || streamId.length === 0) {
    throw new TypeError('stream id must be a non-empty string');
  }
  // EventStoreDB reserves '$' for its own streams and leaves them out of $all; refuse them everywhere.
  if (streamId.startsWith('$')) throw new TypeError('stream ids starting with "$" are reserved');
}

export function assertReadLimit(limit: number): void {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new TypeError('limit must be a positive integer');
}

/** The first revision to read; defaults to the start of the stream. */
export function assertFromRevision(fromRevision: bigint | undefined): bigint {
  if (fromRevision === undefined) return 0n;
  if (typeof fromRevision !== 'bigint' || fromRevision < 0n) throw new TypeError('fromRevision must be a bigint >= 0n');
  return fromRevision;
}

function assertExpectedRevision(expected: ExpectedRevision): void {
  if (expected === 'any' || expected === 'no_stream' || expected === 'stream_exists') return;
  if (typeof expected !== 'bigint' || expected < 0n) {
    throw new TypeError("expected revision must be 'any', 'no_stream', 'stream_exists' or a bigint >= 0n");
  }
}

function prepareEvent(event: NewEvent, at: string): PreparedEvent {
  if (typeof event.type !== 'string' || event.type.length === 0) {
    throw new TypeError(`${at}.type must be a non-empty string`);
  }
  const id = event.id ?? randomUUID();
  if (typeof id !== 'string' || !UUID.test(id)) throw new TypeError(`${at}.id must be a UUID`);
  assertJsonObject(event.data, `${at}.data`);
  assertJsonObject(event.metadata, `${at}.metadata`);
  const { actor, schemaVersion } = event.metadata;
  if (typeof actor !== 'string' || actor.length === 0) {
    throw new TypeError(`${at}.metadata.actor must be a non-empty string`);
  }
  if (!Number.isSafeInteger(schemaVersion)) throw new TypeError(`${at}.metadata.schemaVersion must be an integer`);
  return {
    id: id.toLowerCase(),
    type: event.type,
    dataJson: JSON.stringify(event.data),
    metadataJson: JSON.stringify(event.metadata),
  };
}

function assertJsonObject(value: unknown, path: string): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new TypeError(`${path} must be a plain object`);
  }
  assertJson(value, path, new Set());
}

/**
 * Only values that survive a JSON round trip unchanged: what is stored is exactly what is read back.
 * An undefined object property is allowed (JSON drops it, as optional fields expect).
 */
function assertJson(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new TypeError(`${path} must be a finite number`);
      return;
    case 'bigint':
      throw new TypeError(`${path} is a bigint, which JSON cannot hold: store it as a decimal string`);
    case 'object':
      break;
    default:
      throw new TypeError(`${path} is a ${typeof value}, which JSON cannot hold`);
  }
  if (value === null) return;
  if (ancestors.has(value)) throw new TypeError(`${path} refers to itself`);
  ancestors.add(value);
  if (Array.isArray(value)) {
    for (let index = 0; index < value.length; index += 1) {
      if (value[index] === undefined) throw new TypeError(`${path}[${index}] is undefined`);
      assertJson(value[index], `${path}[${index}]`, ancestors);
    }
  } else {
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) throw new TypeError(`${path} must be a plain object`);
    for (const [key, item] of Object.entries(value)) {
      if (item !== undefined) assertJson(item, `${path}.${key}`, ancestors);
    }
  }
  ancestors.delete(value);
}
