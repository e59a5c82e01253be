import { Worker } from 'node:worker_threads';
import type { EventStore, NewEvent } from '../src/application/ports/eventStore';
import { SqliteEventStore } from '../src/infrastructure/sqlite/sqliteEventStore';
import { compiled, filesystemOf, fixed, median, nowMs, rotated, table, tempDir } from './support';

/**
 * Durable appends on the SQLite event store (WAL, synchronous=FULL: one fsync per commit) in a temp
 * file: one appender, several async appenders sharing the service's one connection, and several
 * worker threads each with an own connection (as several processes on one file would be).
 */
export interface AppendsParams {
  readonly rounds: number;
  /** Appends per round and variant, split evenly over its appenders. */
  readonly appendsPerRound: number;
  readonly concurrency: number;
  /** Events per append in the batched variant. */
  readonly batchSize: number;
}

export interface AppendVariantResult {
  readonly name: string;
  readonly appendsPerSecond: number;
  readonly eventsPerSecond: number;
  /** Mean time of one append as its appender saw it (appenders / appends per second). */
  readonly appendMs: number;
}

export interface AppendsResult {
  readonly filesystem: string;
  readonly rounds: number;
  readonly variants: readonly AppendVariantResult[];
}

export interface AppenderJob {
  readonly file: string;
  readonly streamId: string;
  readonly appends: number;
  readonly batchSize: number;
}

interface Variant {
  readonly name: string;
  readonly appenders: number;
  readonly batchSize: number;
  /** Runs the jobs; resolves to the milliseconds the appends took (set-up excluded). */
  readonly run: (jobs: readonly AppenderJob[], store: EventStore) => Promise<number>;
}

/** Shaped like a failed login: the most frequent event dynpass writes. */
const event = (index: number): NewEvent => ({
  type: 'LoginAttempted',
  data: { at: new Date(Date.UTC(2022, 8, 29, 8, 1) + index * 1000).toISOString(), actor: 'system', outcome: 'failed', reason: 'wrong_password', policy: 'static:global', ip: '127.0.0.1', userAgent: 'dynpass-bench' },
  metadata: { actor: 'system', schemaVersion: 1 },
});

/** Appends one batch after another to one stream, each expecting the revision the last one left. */
export async function appendSequentially(store: EventStore, job: AppenderJob): Promise<void> {
  let expected: bigint | 'no_stream' = 'no_stream';
  for (let i = 0; i < job.appends; i++) {
    const batch = Array.from({ length: job.batchSize }, (_, j) => event(i * job.batchSize + j));
    expected = (await store.append(job.streamId, batch, expected)).nextExpectedRevision;
  }
}

export async function runAppends(params: AppendsParams): Promise<AppendsResult> {
  const dir = tempDir();
  const filesystem = filesystemOf(dir.path);
  const file = dir.file('events.db');
  const store = SqliteEventStore.open(file);
  const n = params.concurrency;
  const variants: Variant[] = [
    { name: '1 appender, 1 event/append', appenders: 1, batchSize: 1, run: inProcess },
    { name: `1 appender, ${params.batchSize} events/append`, appenders: 1, batchSize: params.batchSize, run: inProcess },
    { name: `${n} async appenders, 1 connection`, appenders: n, batchSize: 1, run: inProcess },
    { name: `${n} worker threads, ${n} connections`, appenders: n, batchSize: 1, run: inWorkers },
  ];
  const seconds = new Map(variants.map((variant) => [variant.name, [] as number[]]));
  try {
    await inProcess([{ file, streamId: 'user-warmup', appends: 20, batchSize: 1 }], store); // warm-up
    for (let round = 0; round < params.rounds; round++) {
      for (const variant of rotated(variants, round)) {
        const ms = await variant.run(jobsOf(variant, file, round, params.appendsPerRound), store);
        seconds.get(variant.name)!.push(ms / 1000);
      }
    }
  } finally {
    await store.close();
    dir.remove();
  }
  return {
    filesystem,
    rounds: params.rounds,
    variants: variants.map((variant) => {
      const appendsPerSecond = median(seconds.get(variant.name)!.map((s) => params.appendsPerRound / s));
      return { name: variant.name, appendsPerSecond, eventsPerSecond: appendsPerSecond * variant.batchSize, appendMs: (1000 * variant.appenders) / appendsPerSecond };
    }),
  };
}

function jobsOf(variant: Variant, file: string, round: number, total: number): AppenderJob[] {
  const index = (name: string) => name.replace(/[^a-z0-9]+/gi, '.');
  return Array.from({ length: variant.appenders }, (_, i) => ({
    file,
    streamId: `user-r${round}.${index(variant.name)}.${i}`,
    appends: Math.floor(total / variant.appenders) + (i < total % variant.appenders ? 1 : 0),
    batchSize: variant.batchSize,
  }));
}

async function inProcess(jobs: readonly AppenderJob[], store: EventStore): Promise<number> {
  const started = nowMs();
  await Promise.all(jobs.map((job) => appendSequentially(store, job)));
  return nowMs() - started;
}

/**
 * Workers are started and their connections opened before the clock starts; the time counted runs
 * from 'go' to the last 'done'.
 */
async function inWorkers(jobs: readonly AppenderJob[]): Promise<number> {
  const workers = jobs.map((job) => new Worker(compiled('appendWorker'), { workerData: job }));
  try {
    await Promise.all(workers.map((worker) => reply(worker, 'ready')));
    const done = workers.map((worker) => reply(worker, 'done'));
    const started = nowMs();
    workers.forEach((worker) => worker.postMessage('go'));
    await Promise.all(done);
    return nowMs() - started;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

function reply(worker: Worker, expected: string): Promise<void> {
  return new Promise((resolve, reject) => {
    worker.once('error', reject);
    worker.once('message', (message: string) => (message === expected ? resolve() : reject(new Error(`append worker: ${message}`))));
  });
}

export function formatAppends(result: AppendsResult): string {
  const rows = result.variants.map((v) => [v.name, fixed(v.appendsPerSecond, 0), fixed(v.eventsPerSecond, 0), fixed(v.appendMs, 2)]);
  return [
    table(['SQLite event store (WAL, synchronous=FULL)', 'appends/s', 'events/s', 'ms/append'], rows),
    `medians of ${result.rounds} interleaved rounds; temp file on ${result.filesystem}; ms/append = as each appender waits`,
  ].join('\n');
}
