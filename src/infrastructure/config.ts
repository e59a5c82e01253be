import { isValidTimeZone, PatternError } from '../domain/dynamicPassword/pattern';
import { parseUsablePattern } from '../domain/dynamicPassword/policy';
import { loginKey } from '../domain/user/username';
import { isIP } from 'node:net';
import { DEFAULT_LOCKOUT_RULE, type LockoutRule } from '../domain/lockout/lockout';
import type { HashCost } from './hashing/argon2Hasher';

export type EventStoreLocation =
  | { readonly kind: 'sqlite'; readonly path: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'esdb'; readonly connectionString: string };

export interface Config {
  readonly port: number;
  readonly host: string;
  readonly eventStore: EventStoreLocation;
  /** Where projections live when the event store is not SQLite; ':memory:' rebuilds them at start. */
  readonly readModelPath: string;
  readonly dynamicPassword: {
    readonly pattern: string;
    readonly onlyStaff: boolean;
    readonly users: readonly string[] | null;
    readonly timeZone: string;
    readonly graceSeconds: number;
    readonly singleUse: boolean;
  };
  readonly lockout: LockoutRule;
  /** Login attempts per client address per minute; 0 turns throttling off. */
  readonly loginRatePerMinute: number;
  readonly hashCost: HashCost;
  readonly tokenSecret: string | null;
  readonly tokenTtlSeconds: number;
  readonly admin: { readonly username: string; readonly password: string } | null;
  readonly trustedProxies: readonly string[];
}

/** A bad setting: the message is one line naming the variable, never its value. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): Config {
  const read = (name: string) => {
    const value = env[name];
    return value === undefined || value === '' ? undefined : value;
  };
  const pattern = read('DYNAMIC_PASSWORD_PATTERN') ?? '<PASSWORD>';
  const timeZone = read('DYNAMIC_PASSWORD_TIME_ZONE') ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new ConfigError('DYNAMIC_PASSWORD_TIME_ZONE: not an IANA time zone name');
  try {
    parseUsablePattern(pattern, timeZone);
  } catch (error) {
    if (error instanceof PatternError) throw new ConfigError(`DYNAMIC_PASSWORD_PATTERN: ${error.message}`);
    throw error;
  }
  const adminUsername = read('DYNPASS_ADMIN_USERNAME');
  const adminPassword = read('DYNPASS_ADMIN_PASSWORD');
  if ((adminUsername === undefined) !== (adminPassword === undefined)) {
    throw new ConfigError('DYNPASS_ADMIN_USERNAME and DYNPASS_ADMIN_PASSWORD: set both or neither');
  }
  const tokenSecret = read('DYNPASS_TOKEN_SECRET') ?? null;
  if (tokenSecret !== null && tokenSecret.length < 32) throw new ConfigError('DYNPASS_TOKEN_SECRET: must be at least 32 characters');
  const eventStore = parseEventStore(read('DYNPASS_EVENT_STORE') ?? 'sqlite:./data/dynpass.db');
  const users = read('DYNAMIC_PASSWORD_USERS');
  return {
    port: integer(env, 'PORT', 3000, 0, 65535),
    host: read('HOST') ?? '127.0.0.1',
    eventStore,
    readModelPath: read('DYNPASS_READ_MODEL_PATH') ?? (eventStore.kind === 'sqlite' ? eventStore.path : ':memory:'),
    dynamicPassword: {
      pattern,
      onlyStaff: boolean(env, 'DYNAMIC_PASSWORD_ONLY_STAFF', false),
      users: users === undefined ? null : users.split(',').map((name) => loginKey(name.trim())).filter((name) => name !== ''),
      timeZone,
      graceSeconds: integer(env, 'DYNAMIC_PASSWORD_GRACE_SECONDS', 10, 0, 3600),
      singleUse: boolean(env, 'DYNAMIC_PASSWORD_SINGLE_USE', false),
    },
    lockout: lockoutRule(env),
    loginRatePerMinute: integer(env, 'DYNPASS_LOGIN_RATE_PER_MINUTE', 120, 0, 1_000_000),
    hashCost: oneOf(env, 'DYNPASS_HASH_COST', ['owasp', 'test'] as const, 'owasp'),
    tokenSecret,
    tokenTtlSeconds: integer(env, 'DYNPASS_TOKEN_TTL_SECONDS', 900, 1, 7 * 24 * 3600),
    admin: adminUsername !== undefined && adminPassword !== undefined ? { username: adminUsername, password: adminPassword } : null,
    trustedProxies: trustedProxies(read('DYNPASS_TRUSTED_PROXIES') ?? ''),
  };
}

const YEAR_SECONDS = 366 * 24 * 3600;

function lockoutRule(env: Env): LockoutRule {
  const d = DEFAULT_LOCKOUT_RULE;
  const threshold = integer(env, 'DYNPASS_LOCKOUT_THRESHOLD', d.threshold, 1, 1_000_000);
  const firstLockSeconds = integer(env, 'DYNPASS_LOCKOUT_FIRST_LOCK_SECONDS', d.firstLockSeconds, 1, YEAR_SECONDS);
  const maxLockSeconds = integer(env, 'DYNPASS_LOCKOUT_MAX_LOCK_SECONDS', d.maxLockSeconds, 1, YEAR_SECONDS);
  if (maxLockSeconds < firstLockSeconds) throw new ConfigError('DYNPASS_LOCKOUT_MAX_LOCK_SECONDS: must not be below DYNPASS_LOCKOUT_FIRST_LOCK_SECONDS');
  const resetAfterSeconds = integer(env, 'DYNPASS_LOCKOUT_RESET_SECONDS', d.resetAfterSeconds, 1, YEAR_SECONDS);
  const permanentAfter = integer(env, 'DYNPASS_LOCKOUT_PERMANENT_AFTER', d.permanentAfter, 1, 1_000_000);
  if (permanentAfter < threshold) throw new ConfigError('DYNPASS_LOCKOUT_PERMANENT_AFTER: must not be below DYNPASS_LOCKOUT_THRESHOLD');
  return { threshold, firstLockSeconds, maxLockSeconds, resetAfterSeconds, permanentAfter };
}

/** Addresses or CIDRs, checked here so a typo stops start-up with the variable's name. */
function trustedProxies(value: string): string[] {
  const entries = value.split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address, prefix, ...rest] = entry.split('/');
    const family = isIP(address);
    const maxPrefix = family === 6 ? 128 : 32;
    const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= maxPrefix);
    if (family === 0 || !prefixOk || rest.length > 0) throw new ConfigError('DYNPASS_TRUSTED_PROXIES: expected a comma list of IP addresses or CIDRs');
  }
  return entries;
}

function parseEventStore(value: string): EventStoreLocation {
  if (value === 'memory:') return { kind: 'memory' };
  if (value.startsWith('sqlite:') && value.length > 'sqlite:'.length) return { kind: 'sqlite', path: value.slice('sqlite:'.length) };
  if (/^esdb(\+discover)?:\/\//.test(value)) return { kind: 'esdb', connectionString: value };
  throw new ConfigError('DYNPASS_EVENT_STORE: expected sqlite:<path>, memory: or esdb://host:port?...');
}

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new ConfigError(`${name}: expected a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function boolean(env: Env, name: string, fallback: boolean): boolean {
  const value = env[name]?.toLowerCase();
  if (value === undefined || value === '') return fallback;
  if (['true', '1', 'yes', 'on'].includes(value)) return true;
  if (['false', '0', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`${name}: expected true or false`);
}

function oneOf<T extends string>(env: Env, name: string, allowed: readonly T[], fallback: T): T {
  const value = env[name];
  if (value === undefined || value === '') return fallback;
  if (!(allowed as readonly string[]).includes(value)) throw new ConfigError(`${name}: expected one of ${allowed.join(', ')}`);
  return value as T;
}
