/**
 * The event store port. Adapters (memory, SQLite, EventStoreDB) live in infrastructure and must all
 * pass test/contract/eventStoreContract.ts.
 *
 * Revisions count a stream's events from 0n; positions order every event in the store (strictly
 * increasing, not necessarily dense). Both stay bigint inside the process.
 */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface EventMetadata {
  /** Who caused the event: a username, or 'system'. */
  readonly actor: string;
  readonly correlationId?: string;
  readonly causationId?: string;
  readonly schemaVersion: number;
}

export interface NewEvent {
  readonly type: string;
  /** JSON-serialisable: strings, numbers, booleans, null, arrays and plain objects only. */
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
  /** A UUID; appending the same id twice to a stream stores it once (idempotent retry). */
  readonly id?: string;
}

export interface RecordedEvent {
  readonly id: string;
  readonly streamId: string;
  readonly revision: bigint;
  readonly position: bigint;
  readonly type: string;
  readonly data: Readonly<Record<string, unknown>>;
  readonly metadata: EventMetadata;
  /** ISO-8601 time at which the store recorded the event (the store's clock, not the domain's). */
  readonly recordedAt: string;
}

export interface AppendResult {
  /** Revision of the last event now in the stream. */
  readonly nextExpectedRevision: bigint;
  /** Position of the last appended event. */
  readonly position: bigint;
}

export interface ReadStreamOptions {
  /** Only events at this revision or later (a non-negative bigint); default 0n. */
  readonly fromRevision?: bigint;
}

export interface ReadAllOptions {
  /** Return events strictly after this position; omit to start at the beginning. */
  readonly after?: bigint;
  /** At most this many events (default: adapter's own page size). */
  readonly limit?: number;
}

export interface EventStore {
  /**
   * Appends all events or none, durably (acknowledged means stored), or throws
   * WrongExpectedRevisionError. Input the store refuses before writing anything throws a TypeError:
   * no events, data or metadata that a JSON round trip would change (bigint, Date, NaN, functions,
   * class instances), an id that is not a UUID, an empty stream id or one starting with '$'.
   * Idempotence, as in EventStoreDB: repeating a whole earlier append (same ids, same order) with an
   * expected revision that allowed it, or with 'any', writes nothing and returns the first result.
   */
  append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult>;
  /** Every event of the stream in revision order; [] when the stream does not exist. */
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /** Events of every dynpass stream in position order. */
  readAll(options?: ReadAllOptions): Promise<RecordedEvent[]>;
  /**
   * Catch-up subscription to every dynpass stream: delivers events after `after` (or from the start)
   * in position order, then live ones, one at a time (the next waits for the handler's promise).
   * A handler that throws stops the subscription and reports through `onError`. Reconnects are the
   * adapter's business: it resumes after the last delivered position, never skipping or repeating.
   * To resume later, subscribe again with `after` = the position of the last event handled.
   */
  subscribeToAll(options: SubscribeOptions): Subscription;
  close(): Promise<void>;
}

export interface SubscribeOptions {
  readonly after?: bigint;
  readonly onEvent: (event: RecordedEvent) => Promise<void>;
  readonly onError?: (error: Error) => void;
}

export interface Subscription {
  /**
   * Stops delivery; resolves once no handler call is running, and no handler starts afterwards.
   * A handler may call it, but must not await it (it would wait for itself).
   */
  stop(): Promise<void>;
}

/** The stream was not at the revision the caller expected: someone else appended first. */
export class WrongExpectedRevisionError extends Error {
  override readonly name = 'WrongExpectedRevisionError';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    /** The stream's current revision, or 'no_stream'. */
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `stream ${streamId}: expected revision ${String(expected)}, found ${String(actual)}`,
    );
  }
}

/** The store itself failed (I/O, connection, corrupt row); says what and where. */
export class EventStoreError extends Error {
  override readonly name = 'EventStoreError';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
