/**
 * One appender with its own connection to the store file, in a worker thread (bench/appends.ts):
 * opens the store, says 'ready', waits for 'go', appends, reports 'done' and closes.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { SqliteEventStore } from '../src/infrastructure/sqlite/sqliteEventStore';
import { appendSequentially, type AppenderJob } from './appends';

const job = workerData as AppenderJob;
const store = SqliteEventStore.open(job.file);
parentPort!.once('message', () => {
  appendSequentially(store, job)
    .then(() => store.close())
    .then(
      () => parentPort!.postMessage('done'),
      (error: unknown) => parentPort!.postMessage(`error: ${error instanceof Error ? error.message : String(error)}`),
    );
});
parentPort!.postMessage('ready');
