import {
  ANY,
  NO_STREAM,
  START,
  STREAM_EXISTS,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreError, WrongExpectedRevisionError } from '../../../src/application/ports/eventStore';
import { appendFailure, describeEndpoint, storeFailure } from '../../../src/infrastructure/esdb/errors';
import { checkStreamPrefixes, dynpassStreamFilter, isDynpassEvent, toRecordedEvent } from '../../../src/infrastructure/esdb/events';
import { reconnectDelay } from '../../../src/infrastructure/esdb/esdbSubscription';
import { comparePositions, toGlobalPosition, toReadPosition } from '../../../src/infrastructure/esdb/positions';
import { fromEsdbCurrentRevision, toEsdbExpectedRevision } from '../../../src/infrastructure/esdb/revisions';
import { record } from './fakeEsdbClient';

describe('expected revisions', () => {
  it.each([
    ['any', ANY],
    ['no_stream', NO_STREAM],
    ['stream_exists', STREAM_EXISTS],
    [0n, 0n],
    [41n, 41n],
  ] as const)('maps %p to the client value %p', (ours, theirs) => {
    expect(toEsdbExpectedRevision(ours)).toBe(theirs);
  });

  it('refuses a negative revision instead of sending it', () => {
    expect(() => toEsdbExpectedRevision(-1n)).toThrow(TypeError);
  });

  it.each([
    ['no_stream', 'no_stream'],
    [-1n, 'no_stream'],
    [0n, 0n],
    [7n, 7n],
  ] as const)('reads the current revision %p of a conflict as %p', (theirs, ours) => {
    expect(fromEsdbCurrentRevision(theirs)).toBe(ours);
  });
});

describe('positions', () => {
  it('uses the prepare position of a self-committed event and converts it back exactly', () => {
    const position = toGlobalPosition({ commit: 4096n, prepare: 4096n }, 'here');

    expect(position).toBe(4096n);
    expect(toReadPosition(position)).toEqual({ commit: 4096n, prepare: 4096n });
  });

  it('starts from the beginning without a position, or at or below 0', () => {
    expect(toReadPosition(undefined)).toBe(START);
    expect(toReadPosition(0n)).toBe(START);
    expect(toReadPosition(-5n)).toBe(START);
  });

  it('refuses an event from an explicit transaction, whose commit and prepare differ', () => {
    expect(() => toGlobalPosition({ commit: 900n, prepare: 100n }, 'event 0@user-a')).toThrow(EventStoreError);
  });

  it.each([
    ['no position', undefined],
    ['the client\'s "no position" (2^64 - 1)', { commit: (1n << 64n) - 1n, prepare: (1n << 64n) - 1n }],
  ])('refuses %s', (_what, position) => {
    expect(() => toGlobalPosition(position, 'event 0@user-a')).toThrow(/event 0@user-a: the server reported no \$all position/);
  });

  it('orders $all positions by commit, then prepare', () => {
    expect(comparePositions({ commit: 1n, prepare: 9n }, { commit: 2n, prepare: 0n })).toBe(-1);
    expect(comparePositions({ commit: 2n, prepare: 3n }, { commit: 2n, prepare: 1n })).toBe(1);
    expect(comparePositions({ commit: 2n, prepare: 2n }, { commit: 2n, prepare: 2n })).toBe(0);
  });
});

describe('errors', () => {
  it.each([
    ['esdb://localhost:2113?tls=false', 'localhost:2113'],
    ['esdb://admin:s3cret@db.internal:2113?tls=false', 'db.internal:2113'],
    ['esdb://admin:s3cret@node1:2113,node2:2113,node3:2113?tls=false', 'node1:2113,node2:2113,node3:2113'],
    ['esdb+discover://admin:s3cret@cluster.dns:2113', 'cluster.dns:2113 (DNS discovery)'],
    ['not a connection string', 'an unparsable EventStoreDB connection string'],
  ])('names the host of %s without credentials', (connectionString, endpoint) => {
    expect(describeEndpoint(connectionString)).toBe(endpoint);
  });

  it('turns the client conflict into WrongExpectedRevisionError with the actual revision', () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 'user-a', expected: NO_STREAM, current: 3n });

    const mapped = appendFailure(conflict, 'user-a', 'no_stream', 'db:2113');

    expect(mapped).toBeInstanceOf(WrongExpectedRevisionError);
    expect(mapped).toMatchObject({ streamId: 'user-a', expected: 'no_stream', actual: 3n });
  });

  it("reports a conflict on a missing stream as 'no_stream'", () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 'user-a', expected: 2n, current: NO_STREAM });

    expect(appendFailure(conflict, 'user-a', 2n, 'db:2113')).toMatchObject({ expected: 2n, actual: 'no_stream' });
  });

  it('reports any other failure as EventStoreError naming operation, stream and host, keeping the cause', () => {
    const cause = new UnavailableError(undefined, 'connect ECONNREFUSED');

    const mapped = appendFailure(cause, 'user-a', 'any', describeEndpoint('esdb://admin:s3cret@db:2113'));

    expect(mapped).toBeInstanceOf(EventStoreError);
    expect(mapped.message).toBe('EventStoreDB append on stream "user-a" failed at db:2113: connect ECONNREFUSED');
    expect(mapped.message).not.toContain('s3cret');
    expect(mapped.cause).toBe(cause);
  });

  it('leaves an EventStoreError that already says what failed as it is', () => {
    const original = new EventStoreError('event 0@user-a: data is not a JSON object');

    expect(storeFailure('readAll', undefined, 'db:2113', original)).toBe(original);
  });
});

describe('events', () => {
  it('maps a stored JSON event to the port shape', () => {
    const stored = record('user-a', 2n, 512n, { metadata: { actor: 'alice', correlationId: 'c', schemaVersion: 2 } });

    expect(toRecordedEvent(stored)).toEqual({
      id: stored.id,
      streamId: 'user-a',
      revision: 2n,
      position: 512n,
      type: 'Tested',
      data: { at: 512 },
      metadata: { actor: 'alice', correlationId: 'c', schemaVersion: 2 },
      recordedAt: '2024-05-06T07:08:09.010Z',
    });
  });

  it.each([
    ['binary data', { isJson: false, data: new Uint8Array([1]) }],
    ['a JSON array as data', { data: [1, 2] }],
    ['metadata without an actor', { metadata: { schemaVersion: 1 } }],
    ['no metadata', { metadata: undefined }],
  ])('refuses an event with %s', (_what, overrides) => {
    expect(() => toRecordedEvent(record('user-a', 0n, 64n, overrides))).toThrow(EventStoreError);
  });

  it.each([
    ['user-a', 'Registered', [], true],
    ['$stats-127.0.0.1:2113', 'StatsCollected', [], false],
    ['$$user-a', '$metadata', [], false],
    ['user-a', '$>', [], false],
    ['user-a', 'Registered', ['user-', 'unknownlogin-'], true],
    ['unknownlogin-x', 'Refused', ['user-', 'unknownlogin-'], true],
    ['orders-1', 'Placed', ['user-', 'unknownlogin-'], false],
  ] as const)('treats %s / %s with prefixes %p as dynpass: %p', (streamId, type, prefixes, expected) => {
    expect(isDynpassEvent({ streamId, type }, prefixes)).toBe(expected);
  });

  it('filters on the server by stream name: prefixes when given, else every non-$ stream', () => {
    expect(dynpassStreamFilter(['user-'])).toMatchObject({ filterOn: 'streamName', prefixes: ['user-'] });
    expect(dynpassStreamFilter([])).toMatchObject({ filterOn: 'streamName', regex: '^[^$]' });
  });

  it.each([[['']], [['$ce-']]])('refuses the stream prefixes %p', (prefixes) => {
    expect(() => checkStreamPrefixes(prefixes)).toThrow(TypeError);
  });
});

describe('reconnect backoff', () => {
  const policy = { initialDelayMs: 100, maxDelayMs: 1000, maxAttempts: 10 };

  it('doubles from the initial delay and stays at the bound', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => reconnectDelay(attempt, policy))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });
});
