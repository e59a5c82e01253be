import {
  ANY,
  AccessDeniedError,
  FORWARDS,
  START,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import {
  EventStoreError,
  WrongExpectedRevisionError,
  type RecordedEvent,
} from '../../../src/application/ports/eventStore';
import { EsdbEventStore } from '../../../src/infrastructure/esdb/esdbEventStore';
import { deferred } from '../../support/deferred';
import { failingStream, fakeClient, record, resolvedStream, type FakeRecord } from './fakeEsdbClient';

const CONNECTION = 'esdb://admin:s3cret@db:2113?tls=false';
const metadata = { actor: 'tester', schemaVersion: 1 };
const ID = '6F9619FF-8B86-4011-B42D-00C04FC964FF';
const noDelay = { initialDelayMs: 0, maxDelayMs: 0, maxAttempts: 3 };

function storeWith(client = fakeClient(), prefixes: string[] = []) {
  return { client, store: new EsdbEventStore(CONNECTION, { client, streamPrefixes: prefixes, reconnect: noDelay }) };
}

describe('EsdbEventStore.append', () => {
  it('sends JSON events with their ids and metadata at an explicit expected revision', async () => {
    const { client, store } = storeWith();
    client.appendToStream.mockResolvedValue({ success: true, nextExpectedRevision: 0n, position: { commit: 77n, prepare: 77n } });

    const result = await store.append('user-a', [{ id: ID, type: 'Registered', data: { name: 'a' }, metadata }], 'any');

    expect(result).toEqual({ nextExpectedRevision: 0n, position: 77n });
    expect(client.appendToStream).toHaveBeenCalledWith(
      'user-a',
      [{ id: ID.toLowerCase(), contentType: 'application/json', type: 'Registered', data: { name: 'a' }, metadata }],
      { expectedRevision: ANY },
    );
  });

  it('reads the last appended event back when the server reports no position', async () => {
    const { client, store } = storeWith();
    client.appendToStream.mockResolvedValue({ success: true, nextExpectedRevision: 4n, position: undefined });
    client.readStream.mockReturnValue(resolvedStream([record('user-a', 4n, 900n)]));

    const result = await store.append('user-a', [{ type: 'Registered', data: {}, metadata }], 3n);

    expect(result).toEqual({ nextExpectedRevision: 4n, position: 900n });
    expect(client.readStream).toHaveBeenCalledWith('user-a', { fromRevision: 4n, maxCount: 1 });
  });

  it('reports a conflict as WrongExpectedRevisionError with the revision found', async () => {
    const { client, store } = storeWith();
    client.appendToStream.mockRejectedValue(
      new WrongExpectedVersionError(undefined, { streamName: 'user-a', expected: 'no_stream', current: 0n }),
    );

    const append = store.append('user-a', [{ type: 'Registered', data: {}, metadata }], 'no_stream');

    await expect(append).rejects.toThrow(WrongExpectedRevisionError);
    await expect(append).rejects.toMatchObject({ streamId: 'user-a', expected: 'no_stream', actual: 0n });
  });

  it('reports a conflict returned as data (throwOnAppendFailure=false) the same way', async () => {
    const { client, store } = storeWith();
    client.appendToStream.mockResolvedValue({ success: false, nextExpectedRevision: -1n, position: undefined });

    const append = store.append('user-a', [{ type: 'Registered', data: {}, metadata }], 0n);

    await expect(append).rejects.toThrow(WrongExpectedRevisionError);
    await expect(append).rejects.toMatchObject({ streamId: 'user-a', expected: 0n, actual: 'no_stream' });
  });

  it('refuses an empty append before calling the server', async () => {
    const { client, store } = storeWith();

    await expect(store.append('user-a', [], 'any')).rejects.toThrow(TypeError);
    expect(client.appendToStream).not.toHaveBeenCalled();
  });

  it('reports a server failure as EventStoreError naming operation, stream and host', async () => {
    const { client, store } = storeWith();
    client.appendToStream.mockRejectedValue(new UnavailableError(undefined, 'connect ECONNREFUSED'));

    const append = store.append('user-a', [{ type: 'Registered', data: {}, metadata }], 'any');

    await expect(append).rejects.toThrow(EventStoreError);
    await expect(append).rejects.toThrow('EventStoreDB append on stream "user-a" failed at db:2113: connect ECONNREFUSED');
  });
});

describe('EsdbEventStore.readStream', () => {
  it('reads a missing stream as []', async () => {
    const { client, store } = storeWith();
    client.readStream.mockReturnValue(failingStream(new StreamNotFoundError(undefined, 'user-a')));

    expect(await store.readStream('user-a')).toEqual([]);
  });

  it('asks the server for the stream from the start, or from the revision given', async () => {
    const { client, store } = storeWith();
    client.readStream.mockImplementation(() => resolvedStream([record('user-a', 4n, 900n)]));

    expect((await store.readStream('user-a', { fromRevision: 4n })).map((event) => event.revision)).toEqual([4n]);
    expect(client.readStream).toHaveBeenLastCalledWith('user-a', { fromRevision: 4n, direction: FORWARDS });
    await store.readStream('user-a');
    expect(client.readStream).toHaveBeenLastCalledWith('user-a', { fromRevision: START, direction: FORWARDS });
  });

  it('reports any other read failure as EventStoreError', async () => {
    const { client, store } = storeWith();
    client.readStream.mockReturnValue(failingStream(new UnavailableError(undefined, 'no connection')));

    await expect(store.readStream('user-a')).rejects.toThrow(/readStream on stream "user-a" failed at db:2113: no connection/);
  });
});

describe('EsdbEventStore.readAll', () => {
  const ours = (events: RecordedEvent[]) => events.map((event) => [event.streamId, event.position]);

  it('pages through $all, skips system and foreign streams, and starts strictly after `after`', async () => {
    const { client, store } = storeWith(fakeClient(), ['user-']);
    const system = Array.from({ length: 497 }, (_, index) => record('$stats-1', BigInt(index), 1000n + BigInt(index)));
    const firstPage: FakeRecord[] = [
      record('user-a', 0n, 500n), // the record at `after` itself: readAll starts inclusively
      record('user-a', 1n, 600n),
      record('orders-1', 0n, 700n),
      ...system,
    ];
    const secondPage: FakeRecord[] = [firstPage[firstPage.length - 1] as FakeRecord, record('user-b', 0n, 2000n)];
    client.readAll.mockReturnValueOnce(resolvedStream(firstPage)).mockReturnValueOnce(resolvedStream(secondPage));

    const events = await store.readAll({ after: 500n });

    expect(ours(events)).toEqual([['user-a', 600n], ['user-b', 2000n]]);
    expect(client.readAll.mock.calls.map(([options]) => options.fromPosition)).toEqual([
      { commit: 500n, prepare: 500n },
      { commit: 1496n, prepare: 1496n },
    ]);
  });

  it('stops at the limit and reads from the start without `after`', async () => {
    const { client, store } = storeWith();
    client.readAll.mockReturnValue(resolvedStream([record('user-a', 0n, 100n), record('user-a', 1n, 200n)]));

    expect(ours(await store.readAll({ limit: 1 }))).toEqual([['user-a', 100n]]);
    expect(client.readAll).toHaveBeenCalledWith(expect.objectContaining({ fromPosition: START }));
  });
});

describe('EsdbEventStore.subscribeToAll', () => {
  it('resubscribes after a drop from the last delivered event, neither skipping nor repeating', async () => {
    const { client, store } = storeWith();
    const dropped = deferred();
    const delivered: bigint[] = [];
    const third = deferred();
    client.subscribeToAll
      .mockReturnValueOnce(resolvedStream([record('user-a', 0n, 10n), record('user-a', 1n, 20n)], async () => {
        await dropped.promise;
        throw new UnavailableError(undefined, 'connection reset');
      }))
      // A server that starts inclusively would send the boundary event again: it must be dropped.
      .mockReturnValueOnce(resolvedStream([record('user-a', 1n, 20n), record('user-a', 2n, 30n)], () => new Promise(() => undefined)));

    const subscription = store.subscribeToAll({
      onEvent: async (event) => {
        delivered.push(event.position);
        if (event.position === 20n) dropped.resolve();
        if (event.position === 30n) third.resolve();
      },
      onError: (error) => third.reject(error),
    });
    await third.promise;
    await subscription.stop();

    expect(delivered).toEqual([10n, 20n, 30n]);
    expect(client.subscribeToAll.mock.calls.map(([options]) => options.fromPosition)).toEqual([
      START,
      { commit: 20n, prepare: 20n },
    ]);
    expect(client.subscribeToAll.mock.calls[0][0].filter).toMatchObject({ filterOn: 'streamName', regex: '^[^$]' });
  });

  it('starts after the given position and drops events at or before it', async () => {
    const { client, store } = storeWith();
    const done = deferred();
    const delivered: bigint[] = [];
    client.subscribeToAll.mockReturnValueOnce(
      resolvedStream([record('user-a', 0n, 40n), record('user-a', 1n, 50n)], () => new Promise(() => undefined)),
    );

    const subscription = store.subscribeToAll({
      after: 40n,
      onEvent: async (event) => {
        delivered.push(event.position);
        done.resolve();
      },
    });
    await done.promise;
    await subscription.stop();

    expect(delivered).toEqual([50n]);
    expect(client.subscribeToAll.mock.calls[0][0].fromPosition).toEqual({ commit: 40n, prepare: 40n });
  });

  it('stops and reports through onError when the handler throws', async () => {
    const { client, store } = storeWith();
    const failure = new Error('handler failed');
    const reported = deferred<Error>();
    client.subscribeToAll.mockReturnValue(resolvedStream([record('user-a', 0n, 10n), record('user-a', 1n, 20n)]));
    let calls = 0;

    const subscription = store.subscribeToAll({
      onEvent: async () => {
        calls += 1;
        throw failure;
      },
      onError: reported.resolve,
    });

    expect(await reported.promise).toBe(failure);
    await subscription.stop();
    expect(calls).toBe(1);
    expect(client.subscribeToAll).toHaveBeenCalledTimes(1);
  });

  it('does not retry what a retry cannot cure, such as access denied', async () => {
    const { client, store } = storeWith();
    const reported = deferred<Error>();
    client.subscribeToAll.mockReturnValue(failingStream(new AccessDeniedError(undefined, 'Access denied')));

    const subscription = store.subscribeToAll({ onEvent: async () => undefined, onError: reported.resolve });

    expect((await reported.promise).message).toBe('EventStoreDB subscribeToAll failed at db:2113: Access denied');
    await subscription.stop();
    expect(client.subscribeToAll).toHaveBeenCalledTimes(1);
  });

  it('gives up after the bounded number of failed resubscriptions and says so', async () => {
    const { client, store } = storeWith();
    const reported = deferred<Error>();
    client.subscribeToAll.mockImplementation(() => failingStream(new UnavailableError(undefined, 'connect ECONNREFUSED')));

    const subscription = store.subscribeToAll({ onEvent: async () => undefined, onError: reported.resolve });

    const error = await reported.promise;
    await subscription.stop();
    expect(error).toBeInstanceOf(EventStoreError);
    expect(error.message).toMatch(/subscribeToAll failed at db:2113: gave up after 3 attempts to resubscribe: connect ECONNREFUSED/);
    expect(client.subscribeToAll).toHaveBeenCalledTimes(4);
  });

  it('close() stops running subscriptions and disposes of the client', async () => {
    const { client, store } = storeWith();
    client.subscribeToAll.mockReturnValue(resolvedStream([], () => new Promise(() => undefined)));
    store.subscribeToAll({ onEvent: async () => undefined });

    await store.close();

    expect(client.dispose).toHaveBeenCalledTimes(1);
  });
});
