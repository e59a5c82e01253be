import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import Database from 'better-sqlite3';
import {
  EventStoreError,
  WrongExpectedRevisionError,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
} from '../../src/application/ports/eventStore';
import { SqliteEventStore } from '../../src/infrastructure/sqlite/sqliteEventStore';
import { settle } from '../support/deferred';
import { EventCollector } from '../support/eventCollector';
import { runSqliteWriter, WriterProcess } from '../support/sqliteWriterProcess';
import { createTempDir, type TempDir } from '../support/tempDir';

const metadata: EventMetadata = { actor: 'integration', schemaVersion: 1 };
const event = (data: Record<string, unknown> = {}): NewEvent => ({ type: 'Tested', data, metadata });
const CHILD_WAIT = 60_000;

let dir: TempDir;
let opened: SqliteEventStore[];
/** Opens a store that afterEach closes. */
const open = (file = dir.file('events.db'), options = {}): SqliteEventStore => {
  const store = SqliteEventStore.open(file, options);
  opened.push(store);
  return store;
};

beforeEach(() => {
  dir = createTempDir('dynpass-sqlite-it-');
  opened = [];
});
afterEach(async () => {
  await Promise.all(opened.map((store) => store.close()));
  dir.remove();
});

describe('SQLite event store file', () => {
  it('keeps every event across close and reopen', async () => {
    const first = open();
    await first.append('user-1', [event({ n: 1 }), event({ n: 2 })], 'no_stream');
    await first.append('user-2', [event({ n: 3 })], 'no_stream');
    const before = await first.readAll();
    await first.close();

    const reopened = open();

    expect(await reopened.readAll()).toEqual(before);
    expect((await reopened.append('user-1', [event()], 1n)).nextExpectedRevision).toBe(2n);
  });

  it('creates missing folders and a new file (and its WAL) readable by its owner only', async () => {
    const file = dir.file('nested', 'deeper', 'events.db');
    const store = open(file);
    await store.append('user-1', [event()], 'no_stream');

    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(`${file}-wal`).mode & 0o777).toBe(0o600);
  });

  it("works in memory with ':memory:'", async () => {
    const store = open(':memory:');
    await store.append('user-1', [event()], 'no_stream');
    expect(await store.readStream('user-1')).toHaveLength(1);
  });

  it('reads positions beyond 2^53 exactly, as bigint', async () => {
    const store = open();
    const raw = new Database(dir.file('events.db'));
    raw.prepare(
      `INSERT INTO events (position, id, stream_id, revision, type, data, metadata, recorded_at)
       VALUES (?, '6f1c2a52-61b4-4c43-9d37-1a0c44b1a001', 'user-big', 0, 'Tested', '{}', ?, ?)`,
    ).run(2n ** 53n + 1n, JSON.stringify(metadata), new Date().toISOString());
    raw.close();

    const result = await store.append('user-big', [event()], 0n);

    expect(result).toEqual({ nextExpectedRevision: 1n, position: 2n ** 53n + 2n });
    const read = await store.readAll({ after: 2n ** 53n });
    expect(read.map((recorded) => recorded.position)).toEqual([2n ** 53n + 1n, 2n ** 53n + 2n]);
  });
});

describe('SQLite event store errors', () => {
  it('fails to open a file that is not a database, naming the file', () => {
    const file = dir.file('garbage.db');
    fs.writeFileSync(file, 'this is not a database, it is just text '.repeat(50));

    expect(() => SqliteEventStore.open(file)).toThrow(EventStoreError);
    expect(() => SqliteEventStore.open(file)).toThrow(`${file}: open failed`);
  });

  it('reports a corrupt row by file, operation and position, never by its content', async () => {
    const store = open();
    await store.append('user-1', [event({ hash: 'harmless' })], 'no_stream');
    const raw = new Database(dir.file('events.db'));
    raw.prepare(`UPDATE events SET data = '"secret-hash"' WHERE stream_id = 'user-1'`).run();
    raw.close();

    const error: unknown = await store.readStream('user-1').catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(EventStoreError);
    expect((error as Error).message).toMatch(`${dir.file('events.db')}: readStream failed: corrupt event at position 1`);
    expect((error as Error).message).not.toContain('secret');
    expect((error as Error).cause).toBeUndefined();
  });

  it('names where a bigint is in the data, not its value', async () => {
    const store = open();

    const append = store.append('user-1', [event({ nested: { amount: 12345678901234567890n } })], 'any');

    await expect(append).rejects.toThrow('events[0].data.nested.amount is a bigint');
    await expect(append).rejects.not.toThrow('12345678901234567890');
  });

  it('refuses an event id reused outside an identical retry, writing nothing', async () => {
    const store = open();
    const [a, b] = [{ ...event(), id: randomUUID() }, { ...event(), id: randomUUID() }];
    await store.append('user-1', [a], 'no_stream');
    await store.append('user-1', [b], 0n);

    await expect(store.append('user-1', [a], 1n)).rejects.toThrow(EventStoreError);
    await expect(store.append('user-1', [b, event()], 'any')).rejects.toThrow(EventStoreError);
    expect(await store.readStream('user-1')).toHaveLength(2);
  });

  it('stops subscriptions on close() and refuses calls afterwards', async () => {
    const store = SqliteEventStore.open(dir.file('events.db'));
    const collector = new EventCollector();
    const subscription = store.subscribeToAll({ onEvent: collector.onEvent });
    await store.append('user-1', [event()], 'no_stream');
    await collector.untilCount(['user-1'], 1);

    await store.close();

    await subscription.stop();
    await expect(store.readAll()).rejects.toThrow(`${dir.file('events.db')}: readAll after close`);
    expect(() => store.subscribeToAll({ onEvent: collector.onEvent })).toThrow(EventStoreError);
    expect(collector.events).toHaveLength(1);
  });
});

describe('SQLite event store shared by two instances', () => {
  it("refuses B's 'no_stream' append once A has created the stream", async () => {
    const [a, b] = [open(), open()];
    await a.append('username-alice', [event()], 'no_stream');

    const error: unknown = await b.append('username-alice', [event()], 'no_stream').catch((failure: unknown) => failure);

    expect(error).toBeInstanceOf(WrongExpectedRevisionError);
    expect(error).toMatchObject({ actual: 0n });
  });

  it("delivers to a subscription on A what is appended through B (polling)", async () => {
    const a = open(dir.file('events.db'), { pollIntervalMs: 20 });
    const b = open();
    const collector = new EventCollector();
    a.subscribeToAll({ onEvent: collector.onEvent });
    await settle();

    await b.append('user-1', [event({ via: 'b' })], 'no_stream');

    await collector.untilCount(['user-1'], 1);
    expect(collector.events[0]?.data).toEqual({ via: 'b' });
  }, 10_000);

  it('wakes a subscription at once on a local append, whatever the poll interval', async () => {
    const store = open(dir.file('events.db'), { pollIntervalMs: 600_000 });
    const collector = new EventCollector();
    store.subscribeToAll({ onEvent: collector.onEvent });
    await settle();

    await store.append('user-1', [event()], 'no_stream');

    await collector.untilCount(['user-1'], 1);
  }, 5_000);
});

describe('SQLite event store with other processes', () => {
  it('keeps every acknowledged append, each whole, when the writer is SIGKILLed mid-stream', async () => {
    const file = dir.file('events.db');
    const acknowledged = new Map<number, bigint>();
    const writer = new WriterProcess(['batches', file, 'user-crash']);
    writer.onLine((line) => {
      const [batch, position] = line.split(' ');
      acknowledged.set(Number(batch), BigInt(position as string));
      if (acknowledged.size === 40) writer.child.kill('SIGKILL');
    });

    await expect(writer.finished).rejects.toThrow(/ended with SIGKILL: $/);


    const stored = await open(file).readStream('user-crash');
    const batches = new Map<number, RecordedEvent[]>();
    for (const recorded of stored) {
      const batch = recorded.data['batch'] as number;
      batches.set(batch, [...(batches.get(batch) ?? []), recorded]);
    }
    for (const [batch, position] of acknowledged) {
      expect(batches.get(batch)?.at(-1)?.position).toBe(position);
    }
    for (const events of batches.values()) expect(events).toHaveLength(3);
    expect(stored.map((recorded) => recorded.revision)).toEqual(stored.map((_, index) => BigInt(index)));
  }, CHILD_WAIT);

  it('two writer processes retrying on conflict at once store 200 events, and a subscription here sees them all', async () => {
    const file = dir.file('events.db');
    const store = open(file, { pollIntervalMs: 20 });
    const collector = new EventCollector();
    store.subscribeToAll({ onEvent: collector.onEvent });

    const writers = ['a', 'b'].map((name) => new WriterProcess(['retrying', file, 'user-shared', name, '100']));
    await Promise.all(writers.map((writer) => writer.untilLine('ready')));
    for (const writer of writers) writer.child.stdin.end('go\n');
    await Promise.all(writers.map((writer) => writer.finished));
    await collector.untilCount(['user-shared'], 200);

    const stored = await store.readStream('user-shared');
    expect(stored.map((recorded) => recorded.revision)).toEqual(stored.map((_, index) => BigInt(index)));
    expect(stored.filter((recorded) => recorded.data['writer'] === 'a')).toHaveLength(100);
    expect(collector.of(['user-shared'])).toEqual(stored);
  }, CHILD_WAIT);

  it('lets a process exit while its subscription waits: poll timers do not hold it', async () => {
    await expect(runSqliteWriter(['idle-subscriber', dir.file('events.db')])).resolves.toBe('subscribed\n');
  }, CHILD_WAIT);
});
