import {
  EventStoreDBClient,
  FORWARDS,
  START,
  StreamNotFoundError,
  type AllStreamResolvedEvent,
  type Position,
  type ReadPosition,
} from '@eventstore/db-client';
import {
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
import { assertFromRevision, assertReadLimit, assertStreamId, prepareAppend } from '../eventStore/newEvents';
import { appendFailure, describeEndpoint, storeFailure } from './errors';
import { checkStreamPrefixes, dynpassStreamFilter, isDynpassEvent, toEventData, toRecordedEvent } from './events';
import { DEFAULT_RECONNECT, EsdbSubscription, type ReconnectPolicy } from './esdbSubscription';
import { comparePositions, toGlobalPosition, toReadPosition } from './positions';
import { fromEsdbCurrentRevision, toEsdbExpectedRevision } from './revisions';

/** The part of the client this adapter uses (a fake stands in for it in unit tests). */
export type EsdbClient = Pick<EventStoreDBClient, 'appendToStream' | 'readStream' | 'readAll' | 'subscribeToAll' | 'dispose'>;

export interface EsdbEventStoreOptions {
  /** Stream-name prefixes that make up dynpass (e.g. ['user-', 'unknownlogin-']); [] = every non-system stream. */
  readonly streamPrefixes?: readonly string[];
  /** How many events readAll returns when no limit is given. */
  readonly pageSize?: number;
  readonly reconnect?: ReconnectPolicy;
  /** For tests only: use this client instead of connecting with the connection string. */
  readonly client?: EsdbClient;
}

const DEFAULT_PAGE_SIZE = 1000;
/**
 * $all records per readAll request. The client's readAll (6.x) takes no filter (it always sends
 * NoFilter), so readAll pages through $all and applies the selection the subscription's server-side
 * filter applies, here on the client.
 */
const READ_ALL_BATCH = 500;

/**
 * The event store on EventStoreDB through @eventstore/db-client 6.x (gRPC). Revisions are the
 * server's stream revisions; positions are $all prepare positions (see positions.ts).
 */
export class EsdbEventStore implements EventStore {
  private readonly client: EsdbClient;
  private readonly endpoint: string;
  private readonly prefixes: readonly string[];
  private readonly pageSize: number;
  private readonly reconnect: ReconnectPolicy;
  private readonly subscriptions = new Set<EsdbSubscription>();

  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.endpoint = describeEndpoint(connectionString);
    this.prefixes = checkStreamPrefixes(options.streamPrefixes ?? []);
    this.pageSize = options.pageSize ?? DEFAULT_PAGE_SIZE;
    assertReadLimit(this.pageSize);
    this.reconnect = options.reconnect ?? DEFAULT_RECONNECT;
    this.client = options.client ?? connect(connectionString, this.endpoint);
  }

  async append(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const prepared = prepareAppend(streamId, events, expected);
    const expectedRevision = toEsdbExpectedRevision(expected);
    const eventData = prepared.map(toEventData);
    let result;
    try {
      result = await this.client.appendToStream(streamId, eventData, { expectedRevision });
    } catch (error) {
      throw appendFailure(error, streamId, expected, this.endpoint);
    }
    if (!result.success) {
      // Only with throwOnAppendFailure=false in the connection string: the conflict comes back as data.
      throw new WrongExpectedRevisionError(streamId, expected, fromEsdbCurrentRevision(result.nextExpectedRevision));
    }
    return { nextExpectedRevision: result.nextExpectedRevision, position: await this.positionOf(streamId, result) };
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    assertStreamId(streamId);
    const from = assertFromRevision(options.fromRevision);
    const events: RecordedEvent[] = [];
    try {
      for await (const { event } of this.client.readStream(streamId, { fromRevision: from === 0n ? START : from, direction: FORWARDS })) {
        if (event !== undefined && !event.type.startsWith('$')) events.push(toRecordedEvent(event));
      }
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw storeFailure('readStream', streamId, this.endpoint, error);
    }
    return events;
  }

  async readAll(options: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    const limit = options.limit ?? this.pageSize;
    assertReadLimit(limit);
    const out: RecordedEvent[] = [];
    let from: ReadPosition = toReadPosition(options.after);
    // readAll's fromPosition is inclusive: the record at `from` was already seen (or is `after` itself).
    let seenUpTo: Position | undefined = typeof from === 'object' ? from : undefined;
    try {
      while (out.length < limit) {
        const page = await this.readAllBatch(from);
        for (const { event } of page) {
          if (event === undefined || (seenUpTo && comparePositions(event.position, seenUpTo) <= 0)) continue;
          if (isDynpassEvent(event, this.prefixes)) out.push(toRecordedEvent(event));
          if (out.length === limit) break;
        }
        const lastRecord = page[page.length - 1]?.event;
        if (page.length < READ_ALL_BATCH || lastRecord === undefined) break;
        from = seenUpTo = lastRecord.position;
      }
    } catch (error) {
      throw storeFailure('readAll', undefined, this.endpoint, error);
    }
    return out;
  }

  subscribeToAll(options: SubscribeOptions): Subscription {
    const source = {
      subscribe: (fromPosition: ReadPosition) =>
        this.client.subscribeToAll({ fromPosition, filter: dynpassStreamFilter(this.prefixes), resolveLinkTos: false }),
      accepts: (event: { streamId: string; type: string }) => isDynpassEvent(event, this.prefixes),
      failure: (cause: unknown) => storeFailure('subscribeToAll', undefined, this.endpoint, cause),
    };
    const subscription = new EsdbSubscription(source, options, this.reconnect, (done) => this.subscriptions.delete(done));
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((subscription) => subscription.stop()));
    await this.client.dispose();
  }

  private async readAllBatch(from: ReadPosition): Promise<AllStreamResolvedEvent[]> {
    const page: AllStreamResolvedEvent[] = [];
    const read = this.client.readAll({ fromPosition: from, maxCount: READ_ALL_BATCH, direction: FORWARDS, resolveLinkTos: false });
    for await (const resolved of read) page.push(resolved);
    return page;
  }

  /**
   * The server answers an append with the log position of the append's last record for both commit
   * and prepare (WriteEvents reports CommitIndexed.LogPosition twice). Should it send none, or
   * a pair that is not an event's own position, the last appended event is read back instead.
   */
  private async positionOf(streamId: string, result: { nextExpectedRevision: bigint; position?: Position }): Promise<bigint> {
    const reported = result.position;
    if (reported && reported.commit === reported.prepare && reported.prepare >= 0n && reported.prepare < 1n << 63n) {
      return reported.prepare;
    }
    try {
      for await (const { event } of this.client.readStream(streamId, { fromRevision: result.nextExpectedRevision, maxCount: 1 })) {
        if (event !== undefined) return toGlobalPosition(event.position, `event ${event.revision}@${streamId}`);
      }
    } catch (error) {
      throw storeFailure('append (reading back the position)', streamId, this.endpoint, error);
    }
    throw storeFailure('append', streamId, this.endpoint, new Error('the appended event could not be read back'));
  }
}

export function createEsdbEventStore(connectionString: string, options: EsdbEventStoreOptions = {}): EsdbEventStore {
  return new EsdbEventStore(connectionString, options);
}

function connect(connectionString: string, endpoint: string): EsdbClient {
  try {
    // Lazy: no network until the first call, so constructing the store never blocks or fails on I/O.
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw storeFailure('connect', undefined, endpoint, error);
  }
}
