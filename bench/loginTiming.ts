import type { HashCost } from '../src/infrastructure/hashing/argon2Hasher';
import { adminToken, createUsers, newTokenSecret, startBenchService, type ServiceSettings } from './service';
import { fixed, HttpClient, median, p90, percent, quantile, shuffled, table, tempDir } from './support';

/**
 * Issue 4: does the response time tell one login failure from another? Every class is sent to the
 * real service over loopback HTTP, one request at a time, the classes interleaved round-robin with
 * a shuffled order each round so that machine noise hits all of them alike. A second user of one
 * class (an A/A control) shows how far two identical classes drift apart by noise alone.
 */
export interface LoginTimingParams {
  readonly rounds: number;
  readonly warmupRounds: number;
  readonly hashCost: HashCost;
}

export interface ClassTiming {
  readonly name: string;
  /** What the audit trail recorded for every measured attempt of the class ('ok' for success). */
  readonly recorded: string;
  /** The fast tail: what a timing attacker filters for, being the least disturbed by noise. */
  readonly p10Ms: number;
  readonly medianMs: number;
  readonly p90Ms: number;
  /** This class's median over the median of all samples. */
  readonly ratio: number;
  /** The A/A control: not a class of its own, left out of the verdict. */
  readonly control: boolean;
  /** Every measured response time, in round order. */
  readonly samples: readonly number[];
}

export interface LoginTimingResult {
  readonly rounds: number;
  readonly overallMedianMs: number;
  readonly classes: readonly ClassTiming[];
  /** Slowest class median over fastest, minus one (the control left out). */
  readonly spread: number;
  /** The same for p10. */
  readonly p10Spread: number;
  readonly withinFivePercent: boolean;
  /** The control's median over its twin's, minus one: the noise floor of this run. */
  readonly controlDifference: number;
}

const PASSWORD = 's3kr3t-password';
const form = (secret: string) => `29${secret}08`; // %d<PASSWORD>%H at the bench instant
const DYNAMIC_USERS = ['wrongpw', 'wrongpw2', 'wrongtime', 'notime', 'emptypw', 'locked', 'inactive', 'replay'];
const PLAIN_USERS = ['success', 'plain'];

interface LoginClass {
  readonly name: string;
  readonly username: string;
  readonly password: string;
  /** The audit reason this class must produce, 'ok' for a success. */
  readonly reason: string;
  readonly control?: boolean;
}

/** One user (or unknown name) per class, so every stream grows by one event per round. */
const CLASSES: readonly LoginClass[] = [
  { name: 'success', username: 'success', password: PASSWORD, reason: 'ok' },
  { name: 'unknown user', username: 'nobody', password: form(PASSWORD), reason: 'unknown_user' },
  { name: 'wrong password', username: 'wrongpw', password: form('wrong-password'), reason: 'wrong_password' },
  { name: 'right password, wrong time part', username: 'wrongtime', password: `29${PASSWORD}11`, reason: 'pattern_mismatch' },
  { name: 'right password, no time part', username: 'notime', password: PASSWORD, reason: 'static_password_without_pattern' },
  { name: 'empty password', username: 'emptypw', password: '', reason: 'pattern_mismatch' },
  { name: 'locked', username: 'locked', password: form(PASSWORD), reason: 'locked' },
  { name: 'inactive', username: 'inactive', password: form(PASSWORD), reason: 'inactive' },
  { name: 'replayed (single use)', username: 'replay', password: form(PASSWORD), reason: 'replayed' },
  { name: 'dynamic form, plain due', username: 'plain', password: form(PASSWORD), reason: 'wrong_password' },
  { name: 'A/A control: wrong password, 2nd user', username: 'wrongpw2', password: form('wrong-password'), reason: 'wrong_password', control: true },
];
const CONTROL_TWIN = 'wrong password';

const PATTERN_ENV = {
  DYNAMIC_PASSWORD_PATTERN: '%d<PASSWORD>%H',
  DYNAMIC_PASSWORD_USERS: DYNAMIC_USERS.join(','),
  DYNAMIC_PASSWORD_SINGLE_USE: 'true',
};
const YEAR = String(366 * 24 * 3600);

export async function runLoginTiming(params: LoginTimingParams): Promise<LoginTimingResult> {
  const dir = tempDir();
  const base = { dbFile: dir.file('dynpass.db'), hashCost: params.hashCost, tokenSecret: newTokenSecret() };
  try {
    await prepareAccounts({ ...base, env: { ...PATTERN_ENV, DYNPASS_LOCKOUT_FIRST_LOCK_SECONDS: YEAR, DYNPASS_LOCKOUT_MAX_LOCK_SECONDS: YEAR } });
    // Restarted on the same file with a threshold no class reaches: only 'locked' is locked.
    const service = await startBenchService({ ...base, env: { ...PATTERN_ENV, DYNPASS_LOCKOUT_THRESHOLD: '1000000', DYNPASS_LOCKOUT_PERMANENT_AFTER: '1000000' } });
    const client = new HttpClient(service.url);
    try {
      const samples = await measure(client, params);
      const recorded = await recordedReasons(client, params.rounds + params.warmupRounds);
      return summarize(samples, recorded, params.rounds);
    } finally {
      client.close();
      await service.stop();
    }
  } finally {
    dir.remove();
  }
}

/** Users, the lock (default threshold, a year long), the inactive user, the window already used. */
async function prepareAccounts(settings: ServiceSettings): Promise<void> {
  const service = await startBenchService(settings);
  const client = new HttpClient(service.url);
  try {
    const token = await adminToken(client);
    await createUsers(client, token, [...PLAIN_USERS, ...DYNAMIC_USERS], PASSWORD);
    await client.expect(204, 'POST', '/users/inactive/deactivate', undefined, token);
    for (let i = 0; i < 5; i++) await client.expect(401, 'POST', '/auth/login', { username: 'locked', password: form('wrong-password') });
    await client.expect(200, 'POST', '/auth/login', { username: 'replay', password: form(PASSWORD) });
  } finally {
    client.close();
    await service.stop();
  }
}

async function measure(client: HttpClient, params: LoginTimingParams): Promise<Map<string, number[]>> {
  const samples = new Map(CLASSES.map((loginClass) => [loginClass.name, [] as number[]]));
  for (let round = 0; round < params.warmupRounds + params.rounds; round++) {
    for (const loginClass of shuffled(CLASSES, round)) {
      const reply = await client.request('POST', '/auth/login', { username: loginClass.username, password: loginClass.password });
      const expected = loginClass.reason === 'ok' ? 200 : 401;
      if (reply.status !== expected) throw new Error(`${loginClass.name}: expected ${expected}, got ${reply.status}`);
      if (round >= params.warmupRounds) samples.get(loginClass.name)!.push(reply.ms);
    }
  }
  return samples;
}

/** Reads the audit trail back: each class must have recorded its own reason every time. */
async function recordedReasons(client: HttpClient, attempts: number): Promise<Map<string, string>> {
  const token = await adminToken(client);
  const recorded = new Map<string, string>();
  const limit = Math.min(attempts, 500);
  for (const loginClass of CLASSES) {
    const page = await client.expect(200, 'GET', `/audit?username=${loginClass.username}&type=LoginAttempted&limit=${limit}`, undefined, token);
    const reasons = new Set<string>((page.items as { reason?: string }[]).map((item) => item.reason ?? 'ok'));
    const only = [...reasons].join('+');
    if (page.items.length < limit || only !== loginClass.reason) {
      throw new Error(`${loginClass.name}: expected ${limit} attempts recorded as ${loginClass.reason}, found ${page.items.length} as ${only}`);
    }
    recorded.set(loginClass.name, only);
  }
  return recorded;
}

function summarize(samples: Map<string, number[]>, recorded: Map<string, string>, rounds: number): LoginTimingResult {
  const overallMedianMs = median([...samples.values()].flat());
  const classes = CLASSES.map(({ name, control }) => {
    const values = samples.get(name)!;
    return { name, recorded: recorded.get(name)!, p10Ms: quantile(values, 0.1), medianMs: median(values), p90Ms: p90(values), ratio: median(values) / overallMedianMs, control: control === true, samples: values };
  });
  const measured = classes.filter((entry) => !entry.control);
  const spreadOf = (values: number[]) => Math.max(...values) / Math.min(...values) - 1;
  const spread = spreadOf(measured.map((entry) => entry.medianMs));
  const p10Spread = spreadOf(measured.map((entry) => entry.p10Ms));
  const medianOf = (name: string) => classes.find((entry) => entry.name === name)!.medianMs;
  const controlDifference = medianOf(CLASSES.find((c) => c.control)!.name) / medianOf(CONTROL_TWIN) - 1;
  return { rounds, overallMedianMs, classes, spread, p10Spread, withinFivePercent: spread <= 0.05, controlDifference };
}

export function formatLoginTiming(result: LoginTimingResult): string {
  const rows = result.classes.map((e) => [e.name, e.recorded, fixed(e.p10Ms, 2), fixed(e.medianMs, 2), fixed(e.p90Ms, 2), fixed(e.ratio, 3), percent(e.ratio - 1)]);
  return [
    table(['class', 'recorded as', 'p10 ms', 'median ms', 'p90 ms', 'ratio', 'vs overall'], rows),
    `overall median ${fixed(result.overallMedianMs, 2)} ms; ${result.rounds} rounds, each class once per round in shuffled order, one request at a time`,
    `slowest/fastest class median (control left out): ${percent(result.spread)}; all within 5% of each other: ${result.withinFivePercent ? 'YES' : 'NO'}`,
    `slowest/fastest class p10: ${percent(result.p10Spread)}`,
    `noise floor: the A/A control differs from "${CONTROL_TWIN}" by ${percent(result.controlDifference)}`,
  ].join('\n');
}
