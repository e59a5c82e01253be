import {
  EventStoreError,
  type AppendResult,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type ReadAllOptions,
  type ReadStreamOptions,
  type RecordedEvent,
  type SubscribeOptions,
  type Subscription,
} from '../../application/ports/eventStore';
import { planAppend, type StreamView } from '../eventStore/appendPlan';
import { CatchUpSubscription, ChangeSignal } from '../eventStore/catchUpSubscription';
import { assertFromRevision, assertReadLimit, assertStreamId, prepareAppend } from '../eventStore/newEvents';

/** Events are kept as JSON text, so nothing a caller holds is ever shared with the store. */
interface StoredEvent {
  readonly position: bigint;
  readonly streamId: string;
  readonly revision: bigint;
  readonly id: string;
  readonly type: string;
  readonly dataJson: string;
  readonly metadataJson: string;
  readonly recordedAt: string;
}

const DEFAULT_PAGE_SIZE = 1000;

/**
 * The event store in process memory: for unit tests and throwaway runs. Same checks and semantics
 * as the SQLite store; appends are atomic because each runs without yielding to the event loop.
 */
export class MemoryEventStore implements EventStore {
  /** all[i] has position i + 1. */
  private readonly all: StoredEvent[] = [];
  private readonly streams = new Map<string, StoredEvent[]>();
  private readonly changes = new ChangeSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private closed = false;

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expected);
    this.assertOpen('append');
    const stream = this.streams.get(streamId) ?? [];
    const plan = planAppend(streamId, prepared, expected, viewOf(stream));
    if (plan.kind === 'replay') return plan.result;
    const recordedAt = new Date().toISOString();
    const stored = prepared.map((event, index): StoredEvent => ({
      ...event,
      position: BigInt(this.all.length + index + 1),
      streamId,
      revision: plan.firstRevision + BigInt(index),
      recordedAt,
    }));
    this.all.push(...stored);
    stream.push(...stored);
    this.streams.set(streamId, stream);
    this.changes.notify();
    const last = stored[stored.length - 1] as StoredEvent;
    return { nextExpectedRevision: last.revision, position: last.position };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    const from = assertFromRevision(options.fromRevision);
    this.assertOpen('readStream');
    return (this.streams.get(streamId) ?? []).slice(Number(from)).map(toRecorded);
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? DEFAULT_PAGE_SIZE;
    assertReadLimit(limit);
    this.assertOpen('readAll');
    const after = options.after ?? 0n;
    const start = after <= 0n ? 0 : Number(after < BigInt(this.all.length) ? after : this.all.length);
    return this.all.slice(start, start + limit).map(toRecorded);
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.assertOpen('subscribeToAll');
    const source = {
      readPage: (after: bigint | undefined, limit: number) => this.readAll({ after, limit }),
      changes: this.changes,
      pageSize: DEFAULT_PAGE_SIZE,
    };
    const subscription = new CatchUpSubscription(source, options, (done) => this.subscriptions.delete(done));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
  }

  private assertOpen(operation: string): void {
    if (this.closed) throw new EventStoreError(`memory event store: ${operation} after close`);
  }
}

function viewOf(stream: readonly StoredEvent[]): StreamView {
  return {
    lastRevision: () => stream[stream.length - 1]?.revision,
    revisionOf: (id) => stream.find((event) => event.id === id)?.revision,
    eventAt: (revision) => (revision < BigInt(stream.length) ? stream[Number(revision)] : undefined),
  };
}

function toRecorded(event: StoredEvent): RecordedEvent {
  return {
    id: event.id,
    streamId: event.streamId,
    revision: event.revision,
    position: event.position,
    type: event.type,
    data: JSON.parse(event.dataJson) as RecordedEvent['data'],
    metadata: JSON.parse(event.metadataJson) as RecordedEvent['metadata'],
    recordedAt: event.recordedAt,
  };
}
