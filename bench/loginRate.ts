import { verify } from '@node-rs/argon2';
import { Argon2Hasher, type HashCost } from '../src/infrastructure/hashing/argon2Hasher';
import { adminToken, createUsers, newTokenSecret, startBenchService } from './service';
import { fixed, HttpClient, median, nowMs, rotated, table, tempDir } from './support';

/**
 * How close does the service come to the machine's hash rate? Raw argon2id verifications
 * (@node-rs/argon2, the service's hash parameters) against successful logins over loopback HTTP,
 * both with the same number of requests in flight, measured in alternating rounds.
 */
export interface LoginRateParams {
  readonly rounds: number;
  /** Verifications, and logins, per round (spread over the workers). */
  readonly perRound: number;
  readonly concurrency: number;
  readonly hashCost: HashCost;
}

export interface LoginRateResult {
  readonly concurrency: number;
  readonly rounds: number;
  readonly rawPerSecond: readonly number[];
  readonly loginPerSecond: readonly number[];
  readonly rawMedian: number;
  readonly loginMedian: number;
  /** Median logins/s over median verifications/s. */
  readonly ratio: number;
}

const PASSWORD = 's3kr3t-password';

export async function runLoginRate(params: LoginRateParams): Promise<LoginRateResult> {
  const dir = tempDir();
  const service = await startBenchService({ dbFile: dir.file('dynpass.db'), hashCost: params.hashCost, tokenSecret: newTokenSecret() });
  const client = new HttpClient(service.url, params.concurrency);
  try {
    // One user per worker: attempts on one name are serialised by design (the lockout mutex).
    const usernames = Array.from({ length: params.concurrency }, (_, i) => `rate${i}`);
    await createUsers(client, await adminToken(client), usernames, PASSWORD);
    const phc = await new Argon2Hasher(params.hashCost).hash(PASSWORD);
    const raw = () => throughput(params, async () => {
      if (!(await verify(phc, PASSWORD))) throw new Error('raw verify failed');
    });
    const login = () => throughput(params, async (worker) => {
      const reply = await client.request('POST', '/auth/login', { username: usernames[worker], password: PASSWORD });
      if (reply.status !== 200) throw new Error(`login: expected 200, got ${reply.status}`);
    });
    await raw();
    await login(); // warm-up: dummy hash, JIT, connections
    const rawPerSecond: number[] = [];
    const loginPerSecond: number[] = [];
    const steps = [async () => rawPerSecond.push(await raw()), async () => loginPerSecond.push(await login())];
    // Alternate which goes first, so neither always follows the other.
    for (let round = 0; round < params.rounds; round++) for (const step of rotated(steps, round)) await step();
    const rawMedian = median(rawPerSecond);
    const loginMedian = median(loginPerSecond);
    return { concurrency: params.concurrency, rounds: params.rounds, rawPerSecond, loginPerSecond, rawMedian, loginMedian, ratio: loginMedian / rawMedian };
  } finally {
    client.close();
    await service.stop();
    dir.remove();
  }
}

/** `concurrency` workers share `perRound` operations, each running its share one after another. */
async function throughput(params: LoginRateParams, operation: (worker: number) => Promise<void>): Promise<number> {
  const share = (worker: number) => Math.floor(params.perRound / params.concurrency) + (worker < params.perRound % params.concurrency ? 1 : 0);
  const started = nowMs();
  await Promise.all(
    Array.from({ length: params.concurrency }, async (_, worker) => {
      for (let i = 0; i < share(worker); i++) await operation(worker);
    }),
  );
  return params.perRound / ((nowMs() - started) / 1000);
}

export function formatLoginRate(result: LoginRateResult): string {
  const row = (name: string, values: readonly number[]) => [name, fixed(median(values), 1), fixed(Math.min(...values), 1), fixed(Math.max(...values), 1)];
  return [
    table(['operation (concurrency ' + result.concurrency + ')', 'median /s', 'min /s', 'max /s'], [
      row('raw argon2id verify', result.rawPerSecond),
      row('successful login over HTTP', result.loginPerSecond),
    ]),
    `login rate / raw hash rate: ${fixed(result.ratio, 3)} (medians of ${result.rounds} alternating rounds)`,
  ].join('\n');
}
