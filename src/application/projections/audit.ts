import type { RecordedEvent } from '../ports/eventStore';
import type { AuditEntry } from '../ports/readModels';
import { digestOfStream, usernameKeyOfStream } from '../streams';

/** Pure: the audit line for one event, or null for streams that are not about users. */
export function auditEntryOf(event: RecordedEvent): AuditEntry | null {
  const key = usernameKeyOfStream(event.streamId);
  const digest = digestOfStream(event.streamId);
  if (key === null && digest === null) return null;
  const data = event.data;
  return {
    position: event.position,
    at: stringOr(data.at, event.recordedAt),
    type: event.type,
    username: key ?? `#${digest}`,
    actor: stringOr(data.actor, event.metadata.actor),
    ...(data.outcome === 'succeeded' || data.outcome === 'failed' ? { outcome: data.outcome } : {}),
    ...(typeof data.reason === 'string' && { reason: data.reason }),
    ...(typeof data.ip === 'string' && { ip: data.ip }),
  };
}

const stringOr = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
