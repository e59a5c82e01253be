/**
 * A second process on a SQLite event store, for tests (run through sqliteWriterProcess.ts):
 *   batches <file> <stream>                  append batches of 3 until killed; print "<batch> <position>"
 *                                            once each append is acknowledged
 *   retrying <file> <stream> <writer> <n>    print "ready", wait for a line on stdin, then append n
 *                                            events one by one, retrying on conflict
 *   idle-subscriber <file>                   subscribe, see one event, then leave without close()
 */
import { WrongExpectedRevisionError, type EventMetadata } from '../../src/application/ports/eventStore';
import { SqliteEventStore } from '../../src/infrastructure/sqlite/sqliteEventStore';

const metadata: EventMetadata = { actor: 'writer-process', schemaVersion: 1 };
const MAX_BATCHES = 100_000; // a bound, in case the parent never kills us

async function appendBatchesUntilKilled(file: string, streamId: string): Promise<void> {
  const store = SqliteEventStore.open(file);
  let next: bigint | 'no_stream' = 'no_stream';
  for (let batch = 0; batch < MAX_BATCHES; batch += 1) {
    const events = [0, 1, 2].map((index) => ({ type: 'Written', data: { batch, index }, metadata }));
    const result = await store.append(streamId, events, next);
    next = result.nextExpectedRevision;
    process.stdout.write(`${batch} ${result.position}\n`);
  }
  await store.close();
}

async function appendRetrying(file: string, streamId: string, writer: string, count: number): Promise<void> {
  const store = SqliteEventStore.open(file);
  // A start line, so that the writers really run at the same time (start-up takes a while).
  process.stdout.write('ready\n');
  await new Promise((resolve) => process.stdin.once('data', resolve));
  process.stdin.destroy();
  for (let index = 0; index < count; index += 1) {
    for (;;) {
      const last = (await store.readStream(streamId)).at(-1);
      try {
        await store.append(streamId, [{ type: 'Written', data: { writer, index }, metadata }], last?.revision ?? 'no_stream');
        break;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
      }
    }
  }
  await store.close();
  process.stdout.write(`done ${writer}\n`);
}

async function subscribeAndLeave(file: string): Promise<void> {
  const store = SqliteEventStore.open(file, { pollIntervalMs: 10 });
  await store.append('idle-subscriber', [{ type: 'Written', data: {}, metadata }], 'any');
  await new Promise<void>((resolve) => store.subscribeToAll({ onEvent: async () => resolve() }));
  process.stdout.write('subscribed\n');
  // No close(): the waiting subscription alone must not keep this process alive.
}

async function main([mode, file, ...rest]: string[]): Promise<void> {
  if (mode === 'batches' && file && rest[0]) return appendBatchesUntilKilled(file, rest[0]);
  if (mode === 'retrying' && file && rest[0] && rest[1] && rest[2]) {
    return appendRetrying(file, rest[0], rest[1], Number(rest[2]));
  }
  if (mode === 'idle-subscriber' && file) return subscribeAndLeave(file);
  throw new Error(`usage: sqliteWriter.ts batches|retrying|idle-subscriber <file> ...`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
