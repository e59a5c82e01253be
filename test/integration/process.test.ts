import { join } from 'node:path';
import { ADMIN } from '../support/testService';
import { call, loginToken } from '../support/http';
import { runCli, spawnService } from '../support/process';
import { createTempDir, type TempDir } from '../support/tempDir';

const PASSWORD = 's3kr3t-password';

describe('the dynpass program as a real process', () => {
  const made: TempDir[] = [];
  const dirs = { make: () => made[made.push(createTempDir()) - 1].path };
  afterEach(() => made.splice(0).forEach((dir) => dir.remove()));
  const sqliteEnv = (dir: string) => ({ DYNPASS_EVENT_STORE: `sqlite:${join(dir, 'dynpass.db')}`, DYNPASS_ADMIN_USERNAME: ADMIN.username, DYNPASS_ADMIN_PASSWORD: ADMIN.password });

  it('renders what a pattern asks for at an instant, keeping <PASSWORD>', () => {
    const result = runCli(['render', '--pattern', '%d<PASSWORD>%H-%M', '--time-zone', 'Europe/Berlin', '--at', '2022-09-29T08:01:00Z']);
    expect(result).toMatchObject({ status: 0, stdout: '29<PASSWORD>10-01\n' });
  });

  it.each([
    ['DYNAMIC_PASSWORD_PATTERN', '%s<PASSWORD>'],
    ['DYNAMIC_PASSWORD_TIME_ZONE', 'Mars/Olympus'],
    ['DYNAMIC_PASSWORD_GRACE_SECONDS', '-1'],
    ['PORT', 'http'],
    ['DYNPASS_EVENT_STORE', 'postgres://x'],
    ['DYNPASS_ADMIN_PASSWORD', 'only-the-password-is-set'],
    ['DYNPASS_TRUSTED_PROXIES', '10.0.0.0/99'],
    ['DYNPASS_LOCKOUT_THRESHOLD', '-5'],
    ['DYNPASS_LOCKOUT_MAX_LOCK_SECONDS', '99999999999'],
  ])('stops with one line naming %s when its value is bad', (variable, value) => {
    const result = runCli(['serve'], { [variable]: value, DYNPASS_EVENT_STORE: 'memory:', ...(variable === 'DYNPASS_EVENT_STORE' && { [variable]: value }) });
    expect(result.status).not.toBe(0);
    expect(result.stderr.trim().split('\n')).toHaveLength(1);
    expect(result.stderr).toContain(variable);
    expect(result.stderr).not.toContain(value);
  });

  it('creates a user from a password on standard input, which the service then accepts', async () => {
    const dir = dirs.make();
    const created = runCli(['users', 'create', 'alice', '--staff'], sqliteEnv(dir), `${PASSWORD}\n`);
    expect(created).toMatchObject({ status: 0, stdout: 'created alice (staff)\n' });
    const service = await spawnService(sqliteEnv(dir));
    try {
      const token = await loginToken(service.url, 'alice', PASSWORD);
      expect((await call(service.url, 'GET', '/users', { token })).status).toBe(200);
    } finally {
      await service.stop();
    }
  });

  it('unlocks an account offline, when no staff member can log in', async () => {
    const dir = dirs.make();
    const service = await spawnService({ ...sqliteEnv(dir), DYNPASS_LOCKOUT_THRESHOLD: '2', DYNPASS_LOCKOUT_PERMANENT_AFTER: '2' });
    try {
      for (let i = 0; i < 2; i++) await call(service.url, 'POST', '/auth/login', { json: { username: ADMIN.username, password: 'wrong-password' } });
      expect((await call(service.url, 'POST', '/auth/login', { json: ADMIN })).status).toBe(401);
      expect(runCli(['users', 'unlock', ADMIN.username], sqliteEnv(dir))).toMatchObject({ status: 0, stdout: `unlocked ${ADMIN.username}\n` });
      expect((await call(service.url, 'POST', '/auth/login', { json: ADMIN })).status).toBe(200);
    } finally {
      await service.stop();
    }
  });

  it('rebuilds the read models from every event, offline', async () => {
    const dir = dirs.make();
    expect(runCli(['users', 'create', 'alice'], sqliteEnv(dir), `${PASSWORD}\n`).status).toBe(0);
    expect(runCli(['users', 'create', 'bob', '--staff'], sqliteEnv(dir), `${PASSWORD}\n`).status).toBe(0);
    const rebuilt = runCli(['read-models', 'rebuild'], sqliteEnv(dir));
    expect(rebuilt.status).toBe(0);
    expect(rebuilt.stdout).toMatch(/^rebuilt users \(2\) and audit from every event in \d+\.\d\d s\n$/);
  });

  it('creates admin with a random password printed once to stderr when none is configured', async () => {
    const dir = dirs.make();
    const service = await spawnService({ DYNPASS_EVENT_STORE: `sqlite:${join(dir, 'dynpass.db')}` });
    try {
      const match = /first staff user "admin" created with password: (\S+)/.exec(service.stderr());
      expect(match).not.toBeNull();
      expect(service.stderr().split(match![1])).toHaveLength(2);
      expect(await loginToken(service.url, 'admin', match![1])).toEqual(expect.any(String));
    } finally {
      await service.stop();
    }
  });

  it('loses no acknowledged login attempt when killed with SIGKILL', async () => {
    const dir = dirs.make();
    const first = await spawnService(sqliteEnv(dir));
    const acknowledged = await Promise.all(
      Array.from({ length: 40 }, () => call(first.url, 'POST', '/auth/login', { json: { username: 'mallory', password: 'wrong-password' } })),
    );
    expect(acknowledged.every((reply) => reply.status === 401)).toBe(true);
    await first.kill();
    const second = await spawnService(sqliteEnv(dir));
    try {
      const token = await loginToken(second.url, ADMIN.username, ADMIN.password);
      const audit = await call(second.url, 'GET', '/audit?type=LoginAttempted&outcome=failed&limit=500', { token });
      expect(audit.body.items).toHaveLength(40);
    } finally {
      await second.stop();
    }
  });

  it('shares one SQLite file between two processes: each sees the other\'s writes', async () => {
    const dir = dirs.make();
    const a = await spawnService(sqliteEnv(dir));
    const b = await spawnService(sqliteEnv(dir));
    try {
      const tokenA = await loginToken(a.url, ADMIN.username, ADMIN.password);
      const tokenB = await loginToken(b.url, ADMIN.username, ADMIN.password);
      expect((await call(a.url, 'POST', '/users', { token: tokenA, json: { username: 'from-a', password: PASSWORD } })).status).toBe(201);
      expect((await call(b.url, 'POST', '/users', { token: tokenB, json: { username: 'from-b', password: PASSWORD } })).status).toBe(201);
      for (const [url, token] of [[a.url, tokenA], [b.url, tokenB]]) {
        const users = await call(url, 'GET', '/users', { token });
        expect(users.body.items.map((user: { username: string }) => user.username).sort()).toEqual(['admin', 'from-a', 'from-b']);
      }
      expect((await call(b.url, 'POST', '/users', { token: tokenB, json: { username: 'FROM-A', password: PASSWORD } })).status).toBe(409);
    } finally {
      await Promise.all([a.stop(), b.stop()]);
    }
  });
});
