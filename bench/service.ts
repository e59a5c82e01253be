import { fork, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import type { HashCost } from '../src/infrastructure/hashing/argon2Hasher';
import { compiled, HttpClient } from './support';

export const ADMIN = { username: 'admin', password: 'bench-admin-password' };
/** 2022-09-29 08:01 UTC: the pattern %d<PASSWORD>%H renders "29" before and "08" after. */
export const BENCH_INSTANT = '2022-09-29T08:01:00.000Z';

export interface BenchService {
  readonly url: string;
  /** Stops the process (it closes the service first) and waits for it to exit. */
  stop(): Promise<void>;
}

export interface ServiceSettings {
  readonly dbFile: string;
  readonly hashCost: HashCost;
  /** Shared by every start on one file, so tokens and audit digests stay the same. */
  readonly tokenSecret: string;
  readonly env?: Record<string, string>;
}

export const newTokenSecret = (): string => randomBytes(32).toString('hex');

/** Only what the service needs: none of the caller's DYNPASS_* settings leak into a benchmark. */
function childEnv(settings: ServiceSettings): Record<string, string> {
  const { PATH = '', HOME = '', TMPDIR = '' } = process.env;
  return {
    PATH,
    HOME,
    ...(TMPDIR && { TMPDIR }),
    HOST: '127.0.0.1',
    PORT: '0',
    DYNPASS_EVENT_STORE: `sqlite:${settings.dbFile}`,
    DYNPASS_HASH_COST: settings.hashCost,
    DYNPASS_TOKEN_SECRET: settings.tokenSecret,
    DYNPASS_ADMIN_USERNAME: ADMIN.username,
    DYNPASS_ADMIN_PASSWORD: ADMIN.password,
    DYNPASS_LOGIN_RATE_PER_MINUTE: '0',
    DYNPASS_LOG_LEVEL: 'warn',
    BENCH_CLOCK: BENCH_INSTANT,
    ...settings.env,
  };
}

/** Starts bench/server.js as a child process and waits until it listens on 127.0.0.1. */
export async function startBenchService(settings: ServiceSettings): Promise<BenchService> {
  const child = fork(compiled('server'), [], { env: childEnv(settings), stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('bench server: not listening within 60 s')), 60_000);
    child.once('message', (message: { port?: number }) => {
      clearTimeout(timer);
      if (typeof message?.port === 'number') resolve(message.port);
      else reject(new Error('bench server: unexpected first message'));
    });
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`bench server exited with ${code} before listening`));
    });
  }).catch(async (error: unknown) => {
    await stopChild(child, exited);
    throw error;
  });
  return { url: `http://127.0.0.1:${port}`, stop: () => stopChild(child, exited) };
}

async function stopChild(child: ChildProcess, exited: Promise<number | null>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  if (child.connected) child.send('stop');
  const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Logs in as the first staff user; the FixedClock keeps the token valid for the whole run. */
export async function adminToken(client: HttpClient): Promise<string> {
  const body = await client.expect(200, 'POST', '/auth/login', { username: ADMIN.username, password: ADMIN.password });
  return body.token as string;
}

export async function createUsers(client: HttpClient, token: string, usernames: readonly string[], password: string): Promise<void> {
  for (const username of usernames) await client.expect(201, 'POST', '/users', { username, password }, token);
}
