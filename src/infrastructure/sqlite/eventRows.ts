import type { EventMetadata, RecordedEvent } from '../../application/ports/eventStore';

/** A row of `events` as better-sqlite3 returns it with safe integers on. */
export interface EventRow {
  readonly position: bigint;
  readonly id: string;
  readonly stream_id: string;
  readonly revision: bigint;
  readonly type: string;
  readonly data: string;
  readonly metadata: string;
  readonly recorded_at: string;
}

export const EVENT_COLUMNS = 'position, id, stream_id, revision, type, data, metadata, recorded_at';

/** A row that cannot be an event. The message says where, never what the row holds. */
export class CorruptRowError extends Error {
  constructor(position: bigint, what: string) {
    super(`corrupt event at position ${position}: ${what}`);
  }
}

export function toRecordedEvent(row: EventRow): RecordedEvent {
  const data = parseObject(row.data);
  const metadata = parseObject(row.metadata);
  if (data === undefined) throw new CorruptRowError(row.position, 'data is not a JSON object');
  if (metadata === undefined || typeof metadata['actor'] !== 'string') {
    throw new CorruptRowError(row.position, 'metadata is not event metadata');
  }
  return {
    id: row.id,
    streamId: row.stream_id,
    revision: row.revision,
    position: row.position,
    type: row.type,
    data,
    metadata: metadata as unknown as EventMetadata,
    recordedAt: row.recorded_at,
  };
}

function parseObject(json: string): Record<string, unknown> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    // JSON.parse quotes the text it choked on; that text must not reach a message.
    return undefined;
  }
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}
