import type Database from 'better-sqlite3';
import {
  EventStoreError,
  WrongExpectedRevisionError,
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
import { assertFromRevision, assertReadLimit, assertStreamId, prepareAppend, type PreparedEvent } from '../eventStore/newEvents';
import { CorruptRowError, EVENT_COLUMNS, toRecordedEvent, type EventRow } from './eventRows';
import { openEventDatabase } from './schema';

export interface SqliteEventStoreOptions {
  /** How often subscriptions look for events appended by other processes (ms). Default 150. */
  readonly pollIntervalMs?: number;
  /** How long a write waits for another process's write to finish before failing (ms). Default 5000. */
  readonly busyTimeoutMs?: number;
  /** readAll's default limit and the subscriptions' page size. Default 1000. */
  readonly pageSize?: number;
}

/**
 * The event store in one SQLite file (or ':memory:'). Several processes may share the file: writes
 * are serialised by SQLite, and subscriptions poll for what other processes append.
 * better-sqlite3 is synchronous, so every method runs to completion without yielding.
 */
export class SqliteEventStore implements EventStore {
  private readonly changes = new ChangeSignal();
  private readonly subscriptions = new Set<CatchUpSubscription>();
  private readonly pollIntervalMs: number;
  private readonly pageSize: number;
  private readonly statements;
  private readonly appendTransaction;
  private closed = false;

  static open(file: string, options: SqliteEventStoreOptions = {}): SqliteEventStore {
    if (options.pollIntervalMs !== undefined && !(options.pollIntervalMs > 0)) {
      throw new TypeError('pollIntervalMs must be a positive number');
    }
    if (options.pageSize !== undefined) assertReadLimit(options.pageSize);
    try {
      return new SqliteEventStore(openEventDatabase(file, options.busyTimeoutMs ?? 5000), file, options);
    } catch (error) {
      throw new EventStoreError(`sqlite event store ${file}: open failed: ${reason(error)}`, { cause: error });
    }
  }

  private constructor(
    private readonly db: Database.Database,
    private readonly file: string,
    options: SqliteEventStoreOptions,
  ) {
    this.pollIntervalMs = options.pollIntervalMs ?? 150;
    this.pageSize = options.pageSize ?? 1000;
    this.statements = prepareStatements(db);
    this.appendTransaction = db.transaction(
      (streamId: string, events: readonly PreparedEvent[], expected: ExpectedRevision) =>
        this.appendInTransaction(streamId, events, expected),
    );
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expected);
    // IMMEDIATE takes the write lock before reading the revision: no other writer can slip in between.
    const result = this.guard('append', () => this.appendTransaction.immediate(streamId, prepared, expected));
    this.changes.notify();
    return result;
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    const from = assertFromRevision(options.fromRevision);
    return this.guard('readStream', () => this.statements.readStream.all(streamId, from).map(toRecordedEvent));
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? this.pageSize;
    assertReadLimit(limit);
    return this.guard('readAll', () => this.readPage(options.after, limit));
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    this.guard('subscribeToAll', () => undefined);
    const source = {
      readPage: async (after: bigint | undefined, limit: number) =>
        this.guard('subscribeToAll', () => this.readPage(after, limit)),
      changes: this.changes,
      pageSize: this.pageSize,
      pollIntervalMs: this.pollIntervalMs,
    };
    const subscription = new CatchUpSubscription(source, options, (done) => this.subscriptions.delete(done));
    this.subscriptions.add(subscription);
    return subscription;
  }

  /** Stops every subscription (waiting for running handlers), then closes the file. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    this.db.close();
  }

  private appendInTransaction(
    streamId: string,
    events: readonly PreparedEvent[],
    expected: ExpectedRevision,
  ): AppendResult {
    const plan = planAppend(streamId, events, expected, this.viewOf(streamId));
    if (plan.kind === 'replay') return plan.result;
    const recordedAt = new Date().toISOString();
    let position = 0n;
    events.forEach((event, index) => {
      const revision = plan.firstRevision + BigInt(index);
      const inserted = this.statements.insert.run(
        event.id, streamId, revision, event.type, event.dataJson, event.metadataJson, recordedAt,
      );
      position = BigInt(inserted.lastInsertRowid);
    });
    return { nextExpectedRevision: plan.firstRevision + BigInt(events.length - 1), position };
  }

  private viewOf(streamId: string): StreamView {
    const { lastRevision, revisionOf, eventAt } = this.statements;
    return {
      lastRevision: () => lastRevision.get(streamId),
      revisionOf: (id) => revisionOf.get(streamId, id),
      eventAt: (revision) => eventAt.get(streamId, revision),
    };
  }

  private readPage(after: bigint | undefined, limit: number): RecordedEvent[] {
    return this.statements.readAll.all(after ?? 0n, limit).map(toRecordedEvent);
  }

  /** Conflicts pass through; any other failure becomes an EventStoreError naming file and operation. */
  private guard<T>(operation: string, work: () => T): T {
    if (this.closed) throw new EventStoreError(`sqlite event store ${this.file}: ${operation} after close`);
    try {
      return work();
    } catch (error) {
      if (error instanceof WrongExpectedRevisionError) throw error;
      // A corrupt row's cause would be the row itself: keep only our message.
      const cause = error instanceof CorruptRowError ? undefined : { cause: error };
      throw new EventStoreError(`sqlite event store ${this.file}: ${operation} failed: ${reason(error)}`, cause);
    }
  }
}

function prepareStatements(db: Database.Database) {
  return {
    insert: db.prepare<[string, string, bigint, string, string, string, string]>(
      `INSERT INTO events (id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    ),
    lastRevision: db
      .prepare<[string], bigint>('SELECT revision FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1')
      .pluck(),
    revisionOf: db.prepare<[string, string], bigint>('SELECT revision FROM events WHERE stream_id = ? AND id = ?').pluck(),
    eventAt: db.prepare<[string, bigint], { id: string; position: bigint }>(
      'SELECT id, position FROM events WHERE stream_id = ? AND revision = ?',
    ),
    readStream: db.prepare<[string, bigint], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE stream_id = ? AND revision >= ? ORDER BY revision`,
    ),
    readAll: db.prepare<[bigint, number], EventRow>(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE position > ? ORDER BY position LIMIT ?`,
    ),
  };
}

/** SQLite's code and message (they name no bound values), or our own checks' messages. */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return 'unknown error';
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
}
