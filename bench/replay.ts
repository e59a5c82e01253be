import { randomBytes } from 'node:crypto';
import { loadUser } from '../src/application/handleUserCommand';
import { LoginSubjects } from '../src/application/loginSubject';
import type { EventStore, NewEvent } from '../src/application/ports/eventStore';
import { userStream } from '../src/application/streams';
import { DEFAULT_LOCKOUT_RULE } from '../src/domain/lockout/lockout';
import type { UserEvent } from '../src/domain/user/events';
import { SqliteReadModels } from '../src/infrastructure/readModels/sqliteReadModels';
import { SqliteEventStore } from '../src/infrastructure/sqlite/sqliteEventStore';
import { HmacDigest } from '../src/infrastructure/tokens/hmacDigest';
import { fixed, median, nowMs, p90, rotated, table, tempDir } from './support';

/**
 * Replay: rebuilding the users and audit read models from position zero, and folding one long
 * user stream, as every command and every login does before it decides.
 */
export interface ReplayParams {
  /** Events in the store, the long stream included. */
  readonly totalEvents: number;
  /** Events in the one long stream. */
  readonly longStreamEvents: number;
  readonly eventsPerUser: number;
  readonly rebuildRounds: number;
  readonly foldRuns: number;
}

export interface FoldTiming {
  readonly name: string;
  readonly events: number;
  readonly medianMs: number;
  readonly p90Ms: number;
}

export interface ReplayResult {
  readonly totalEvents: number;
  readonly buildEventsPerSecond: number;
  readonly rebuildSeconds: readonly number[];
  readonly rebuildEventsPerSecond: number;
  readonly folds: readonly FoldTiming[];
}

const PHC = `$argon2id$v=19$m=19456,t=2,p=1$${randomBytes(16).toString('base64').replace(/=+$/, '')}$${randomBytes(32).toString('base64').replace(/=+$/, '')}`;
const START = Date.UTC(2022, 8, 29, 8, 1);
const REASONS = ['wrong_password', 'pattern_mismatch', 'static_password_without_pattern', 'replayed'] as const;
const APPEND_BATCH = 500;

/** A registration, a few administrative events, and login attempts (mostly successes). */
export function userHistory(username: string, count: number): UserEvent[] {
  const at = (i: number) => new Date(START + i * 60_000).toISOString();
  const events: UserEvent[] = [{ type: 'UserRegistered', data: { at: at(0), actor: 'admin', username, staff: false, passwordHash: PHC } }];
  for (let i = 1; i < count; i++) {
    const stamp = { at: at(i), actor: 'system', ip: '127.0.0.1', userAgent: 'dynpass-bench' };
    if (i === 1) events.push({ type: 'DynamicPasswordEnabled', data: { at: at(i), actor: 'admin', pattern: '%d<PASSWORD>%H', timeZone: 'UTC' } });
    else if (i % 97 === 0) events.push({ type: 'PasswordChanged', data: { at: at(i), actor: username, passwordHash: PHC } });
    else if (i % 4 === 0) events.push({ type: 'LoginAttempted', data: { ...stamp, outcome: 'failed', reason: REASONS[(i / 4) % REASONS.length], policy: 'dynamic:user:0123456789ab' } });
    else events.push({ type: 'LoginAttempted', data: { ...stamp, outcome: 'succeeded', policy: 'dynamic:user:0123456789ab', window: randomBytes(16).toString('hex') } });
  }
  return events;
}

async function appendHistory(store: EventStore, key: string, events: readonly UserEvent[]): Promise<void> {
  let expected: bigint | 'no_stream' = 'no_stream';
  for (let i = 0; i < events.length; i += APPEND_BATCH) {
    const batch: NewEvent[] = events.slice(i, i + APPEND_BATCH).map((e) => ({ type: e.type, data: e.data, metadata: { actor: e.data.actor, schemaVersion: 1 } }));
    expected = (await store.append(userStream(key), batch, expected)).nextExpectedRevision;
  }
}

export async function runReplay(params: ReplayParams): Promise<ReplayResult> {
  const dir = tempDir();
  const file = dir.file('dynpass.db');
  const store = SqliteEventStore.open(file);
  // Where the service keeps them by default: in the event store's own file.
  const readModels = new SqliteReadModels(store, file);
  try {
    const started = nowMs();
    await appendHistory(store, 'long', userHistory('long', params.longStreamEvents));
    const users = Math.max(1, Math.floor((params.totalEvents - params.longStreamEvents) / params.eventsPerUser));
    for (let u = 0; u < users; u++) await appendHistory(store, `user${u}`, userHistory(`user${u}`, params.eventsPerUser));
    const totalEvents = params.longStreamEvents + users * params.eventsPerUser;
    const buildEventsPerSecond = totalEvents / ((nowMs() - started) / 1000);

    await readModels.catchUp(); // so that every rebuild first has a full read model to drop
    const rebuildSeconds: number[] = [];
    for (let round = 0; round < params.rebuildRounds; round++) {
      const begin = nowMs();
      await readModels.rebuild();
      rebuildSeconds.push((nowMs() - begin) / 1000);
    }
    if ((await readModels.getUser('long')) === null) throw new Error('rebuild lost the long stream user');
    const folds = await timeFolds(store, params);
    return { totalEvents, buildEventsPerSecond, rebuildSeconds, rebuildEventsPerSecond: totalEvents / median(rebuildSeconds), folds };
  } finally {
    await readModels.close();
    await store.close();
    dir.remove();
  }
}

async function timeFolds(store: EventStore, params: ReplayParams): Promise<FoldTiming[]> {
  const digest = new HmacDigest(randomBytes(32));
  const warm = new LoginSubjects(store, digest, DEFAULT_LOCKOUT_RULE);
  const kinds = [
    { name: 'loadUser (commands)', events: params.longStreamEvents, fold: () => loadUser(store, 'long') },
    // Cold: the first attempt on a name after start folds its whole stream. Warm: later attempts
    // read only what was appended since, so login time does not grow with a name's history.
    { name: 'login subject, cold', events: params.longStreamEvents, fold: () => new LoginSubjects(store, digest, DEFAULT_LOCKOUT_RULE).load('long') },
    { name: 'login subject, warm', events: params.longStreamEvents, fold: () => warm.load('long') },
    { name: 'login subject, cold', events: params.eventsPerUser, fold: () => new LoginSubjects(store, digest, DEFAULT_LOCKOUT_RULE).load('user0') },
  ];
  const samples = kinds.map(() => [] as number[]);
  for (let run = -1; run < params.foldRuns; run++) {
    for (const index of rotated([...kinds.keys()], Math.max(run, 0))) {
      const started = nowMs();
      const subject = await kinds[index].fold();
      if (subject.revision === 'no_stream') throw new Error('fold found no stream');
      if (run >= 0) samples[index].push(nowMs() - started); // run -1 warms up
    }
  }
  return kinds.map((kind, index) => ({ name: kind.name, events: kind.events, medianMs: median(samples[index]), p90Ms: p90(samples[index]) }));
}

export function formatReplay(result: ReplayResult): string {
  const rebuild = table(['read-model rebuild (users + audit)', 'events', 'median s', 'events/s'], [
    ['SqliteReadModels.rebuild()', String(result.totalEvents), fixed(median(result.rebuildSeconds), 2), fixed(result.rebuildEventsPerSecond, 0)],
  ]);
  const folds = table(['fold one stream', 'events', 'median ms', 'p90 ms', 'us/event'], result.folds.map((f) => [f.name, String(f.events), fixed(f.medianMs, 2), fixed(f.p90Ms, 2), fixed((f.medianMs * 1000) / f.events, 2)]));
  return [rebuild, `(store built at ${fixed(result.buildEventsPerSecond, 0)} events/s in appends of ${APPEND_BATCH}; ${result.rebuildSeconds.length} rebuilds)`, '', folds].join('\n');
}
