import { TYPES } from '../../src/infrastructure/di/types';
import { CountingHasher } from '../support/countingHasher';
import { call, loginToken, type Reply } from '../support/http';
import { ADMIN, startTestService, type TestService } from '../support/testService';

const PASSWORD = 's3kr3t-password';

async function serviceWithCountingHasher(env: Record<string, string> = {}) {
  const hasher = new CountingHasher();
  const svc = await startTestService({ DYNPASS_LOGIN_RATE_PER_MINUTE: '0', ...env }, undefined, (container) => {
    container.rebind(TYPES.PasswordHasher).toConstantValue(hasher);
  });
  const adminToken = await loginToken(svc.url, ADMIN.username, ADMIN.password);
  return { svc, hasher, adminToken };
}

const login = (svc: TestService, username: string, password: string, headers?: Record<string, string>) =>
  call(svc.url, 'POST', '/auth/login', { json: { username, password }, ...(headers && { headers }) });

const reasons = async (svc: TestService, token: string, username: string) =>
  (await call(svc.url, 'GET', `/audit?username=${username}&type=LoginAttempted&limit=500`, { token })).body.items.map((item: { reason?: string }) => item.reason ?? 'ok');

describe('lockout under concurrency', () => {
  let svc: TestService;
  afterEach(async () => svc.close());

  it('evaluates the real hash at most 5 times for 100 concurrent wrong attempts, and records the rest as locked', async () => {
    const setup = await serviceWithCountingHasher();
    svc = setup.svc;
    await call(svc.url, 'POST', '/users', { token: setup.adminToken, json: { username: 'alice', password: PASSWORD } });
    setup.hasher.realVerifications = 0;
    setup.hasher.verifications = 0;
    const replies = await Promise.all(Array.from({ length: 100 }, () => login(svc, 'alice', 'wrong-password')));
    expect(replies.every((reply) => reply.status === 401)).toBe(true);
    expect(setup.hasher.realVerifications).toBe(5);
    expect(setup.hasher.verifications).toBe(100);
    const recorded = await reasons(svc, setup.adminToken, 'alice');
    expect(recorded.filter((reason: string) => reason === 'locked')).toHaveLength(95);
    expect(recorded.filter((reason: string) => reason === 'wrong_password')).toHaveLength(5);
  });

  it('gives exactly one success and no lock for one right and one wrong attempt at once', async () => {
    const setup = await serviceWithCountingHasher();
    svc = setup.svc;
    await call(svc.url, 'POST', '/users', { token: setup.adminToken, json: { username: 'bob', password: PASSWORD } });
    const replies = await Promise.all([login(svc, 'bob', PASSWORD), login(svc, 'bob', 'wrong-password')]);
    expect(replies.map((reply) => reply.status).sort()).toEqual([200, 401]);
    const alerts = await call(svc.url, 'GET', '/alerts', { token: setup.adminToken });
    expect(alerts.body.items).toEqual([]);
  });

  it('lets ten users log in at once', async () => {
    const setup = await serviceWithCountingHasher();
    svc = setup.svc;
    const names = Array.from({ length: 10 }, (_, i) => `user${i}`);
    for (const username of names) await call(svc.url, 'POST', '/users', { token: setup.adminToken, json: { username, password: PASSWORD } });
    const replies = await Promise.all(names.map((username) => login(svc, username, PASSWORD)));
    expect(replies.map((reply) => reply.status)).toEqual(names.map(() => 200));
  });
});

describe('lock, wait, unlock', () => {
  let svc: TestService;
  let adminToken: string;
  beforeEach(async () => {
    ({ svc, adminToken } = await serviceWithCountingHasher());
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'carol', password: PASSWORD } });
  });
  afterEach(async () => svc.close());

  it('refuses even the right password while locked, without extending the lock, and accepts it once the lock ends', async () => {
    for (let i = 0; i < 5; i++) await login(svc, 'carol', 'wrong-password');
    expect((await login(svc, 'carol', PASSWORD)).status).toBe(401);
    svc.clock.advance(59_000);
    expect((await login(svc, 'carol', PASSWORD)).status).toBe(401);
    svc.clock.advance(1_000);
    expect((await login(svc, 'carol', PASSWORD)).status).toBe(200);
    expect(await reasons(svc, adminToken, 'carol')).toEqual(['ok', 'locked', 'locked', ...Array(5).fill('wrong_password')]);
  });

  it('shows the lock in /alerts and lets staff unlock at once', async () => {
    for (let i = 0; i < 5; i++) await login(svc, 'carol', 'wrong-password');
    const alerts = await call(svc.url, 'GET', '/alerts', { token: adminToken });
    expect(alerts.body.items).toEqual([expect.objectContaining({ type: 'AccountLocked', username: 'carol', reason: 'too_many_failures' })]);
    expect((await call(svc.url, 'POST', '/users/carol/unlock', { token: adminToken })).status).toBe(204);
    expect((await login(svc, 'carol', PASSWORD)).status).toBe(200);
    expect((await call(svc.url, 'POST', '/users/nobody/unlock', { token: adminToken })).status).toBe(404);
  });

  it('locks guesses at a name no user has just the same', async () => {
    for (let i = 0; i < 6; i++) await login(svc, 'ghost', 'wrong-password');
    const alerts = await call(svc.url, 'GET', '/alerts', { token: adminToken });
    expect(alerts.body.items).toEqual([expect.objectContaining({ type: 'AccountLocked', username: expect.stringMatching(/^#[0-9a-f]{32}$/) })]);
    expect(JSON.stringify(alerts.body)).not.toContain('ghost');
    expect(await reasons(svc, adminToken, 'ghost')).toEqual(['locked', ...Array(5).fill('unknown_user')]);
  });

  it('raises an alert for the static password sent without its pattern', async () => {
    await call(svc.url, 'PUT', '/users/carol/dynamic-password', { token: adminToken, json: { pattern: '<PASSWORD>%d' } });
    await login(svc, 'carol', PASSWORD);
    const alerts = await call(svc.url, 'GET', '/alerts', { token: adminToken });
    expect(alerts.body.items).toEqual([expect.objectContaining({ username: 'carol', reason: 'static_password_without_pattern' })]);

    // Buried under lockouts of junk names, it is still one query away.
    for (const name of ['junk1', 'junk2']) for (let i = 0; i < 5; i++) await login(svc, name, 'wrong-password');
    const found = await call(svc.url, 'GET', '/audit?reason=static_password_without_pattern', { token: adminToken });
    expect(found.body.items).toEqual([expect.objectContaining({ username: 'carol', reason: 'static_password_without_pattern' })]);
    expect((await call(svc.url, 'GET', '/audit?reason=not_a_reason', { token: adminToken })).status).toBe(400);
  });
});

describe('single use', () => {
  let svc: TestService;
  let adminToken: string;
  afterEach(async () => svc?.close());

  it('refuses a dynamic password a second time within its window, and takes the next window', async () => {
    ({ svc, adminToken } = await serviceWithCountingHasher({ DYNAMIC_PASSWORD_SINGLE_USE: 'true', DYNAMIC_PASSWORD_PATTERN: '%d<PASSWORD>%H', DYNAMIC_PASSWORD_USERS: 'dan' }));
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'dan', password: PASSWORD } });
    expect((await login(svc, 'dan', `29${PASSWORD}08`)).status).toBe(200);
    svc.clock.advance(30 * 60_000);
    expect((await login(svc, 'dan', `29${PASSWORD}08`)).status).toBe(401);
    svc.clock.advance(30 * 60_000);
    expect((await login(svc, 'dan', `29${PASSWORD}09`)).status).toBe(200);
    // An hour on, the first admin token has expired.
    adminToken = await loginToken(svc.url, ADMIN.username, ADMIN.password);
    expect(await reasons(svc, adminToken, 'dan')).toEqual(['ok', 'replayed', 'ok']);
  });

  it('keys windows to absolute time: the repeated hour of a DST fall-back is two windows', async () => {
    ({ svc, adminToken } = await serviceWithCountingHasher({ DYNAMIC_PASSWORD_SINGLE_USE: 'true', DYNAMIC_PASSWORD_PATTERN: '<PASSWORD>%H', DYNAMIC_PASSWORD_TIME_ZONE: 'America/New_York', DYNAMIC_PASSWORD_USERS: 'eve' }));
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'eve', password: PASSWORD } });
    svc.clock.set(new Date('2022-11-06T05:30:00Z')); // 01:30 EDT
    expect((await login(svc, 'eve', `${PASSWORD}01`)).status).toBe(200);
    expect((await login(svc, 'eve', `${PASSWORD}01`)).status).toBe(401);
    svc.clock.set(new Date('2022-11-06T06:30:00Z')); // 01:30 EST, the same text, another hour
    expect((await login(svc, 'eve', `${PASSWORD}01`)).status).toBe(200);
  });

  it('refuses a replay within the grace period however many windows were used since', async () => {
    ({ svc, adminToken } = await serviceWithCountingHasher({ DYNAMIC_PASSWORD_SINGLE_USE: 'true', DYNAMIC_PASSWORD_PATTERN: '<PASSWORD>%S', DYNAMIC_PASSWORD_USERS: 'gus' }));
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'gus', password: PASSWORD } });
    expect((await login(svc, 'gus', `${PASSWORD}00`)).status).toBe(200);
    for (const second of ['01', '02', '03', '04', '05']) {
      svc.clock.advance(1000);
      expect((await login(svc, 'gus', `${PASSWORD}${second}`)).status).toBe(200);
    }
    svc.clock.set(new Date('2022-09-29T08:01:10Z'));
    expect((await login(svc, 'gus', `${PASSWORD}00`)).status).toBe(401);
    expect((await reasons(svc, adminToken, 'gus'))[0]).toBe('replayed');
  });

  it('is off by default', async () => {
    ({ svc, adminToken } = await serviceWithCountingHasher({ DYNAMIC_PASSWORD_PATTERN: '%d<PASSWORD>%H', DYNAMIC_PASSWORD_USERS: 'fay' }));
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'fay', password: PASSWORD } });
    expect((await login(svc, 'fay', `29${PASSWORD}08`)).status).toBe(200);
    expect((await login(svc, 'fay', `29${PASSWORD}08`)).status).toBe(200);
  });
});

describe('identical failures', () => {
  it('answers every failure class with the same status, headers and bytes, each after exactly one slow hash', async () => {
    const { svc, hasher, adminToken } = await serviceWithCountingHasher({ DYNAMIC_PASSWORD_SINGLE_USE: 'true', DYNAMIC_PASSWORD_PATTERN: '<PASSWORD>%d', DYNAMIC_PASSWORD_USERS: 'replay,locked,inactive' });
    try {
      for (const username of ['alice', 'inactive', 'locked', 'replay']) await call(svc.url, 'POST', '/users', { token: adminToken, json: { username, password: PASSWORD } });
      await call(svc.url, 'POST', '/users/inactive/deactivate', { token: adminToken });
      for (let i = 0; i < 5; i++) await login(svc, 'locked', 'wrong-password');
      await login(svc, 'replay', `${PASSWORD}29`);
      const classes: [string, string, string][] = [
        ['unknown user', 'nobody', `${PASSWORD}29`],
        ['wrong password', 'replay', 'wrong-password29'],
        ['right password, wrong time part', 'replay', `${PASSWORD}28`],
        ['right password without the time part', 'replay', PASSWORD],
        ['empty password', 'replay', ''],
        ['locked', 'locked', `${PASSWORD}29`],
        ['inactive', 'inactive', `${PASSWORD}29`],
        ['replayed', 'replay', `${PASSWORD}29`],
        ['dynamic form where the plain one is due', 'alice', `${PASSWORD}29`],
      ];
      const replies: Reply[] = [];
      for (const [, username, password] of classes) {
        hasher.verifications = 0;
        replies.push(await login(svc, username, password));
        expect(hasher.verifications).toBe(1);
      }
      const shape = (reply: Reply) => ({ status: reply.status, text: reply.text, headers: [...reply.headers].filter(([name]) => name !== 'date') });
      for (const reply of replies) expect(shape(reply)).toEqual(shape(replies[0]));
      expect(replies[0].status).toBe(401);
    } finally {
      await svc.close();
    }
  });
});

describe('per-address throttling', () => {
  let svc: TestService;
  afterEach(async () => svc.close());

  it('answers 429 with Retry-After past the limit, until the minute is over', async () => {
    svc = await startTestService({ DYNPASS_LOGIN_RATE_PER_MINUTE: '3' });
    for (let i = 0; i < 3; i++) expect((await login(svc, 'nobody', 'x')).status).toBe(401);
    const limited = await login(svc, 'nobody', 'x');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toBe('60');
    expect(limited.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    svc.clock.advance(60_000);
    expect((await login(svc, 'nobody', 'x')).status).toBe(401);
  });

  it('ignores X-Forwarded-For from a peer that is not a trusted proxy', async () => {
    svc = await startTestService({ DYNPASS_LOGIN_RATE_PER_MINUTE: '2' });
    for (let i = 0; i < 2; i++) await login(svc, 'nobody', 'x', { 'x-forwarded-for': `203.0.113.${i}` });
    expect((await login(svc, 'nobody', 'x', { 'x-forwarded-for': '203.0.113.99' })).status).toBe(429);
  });

  it('counts the right-most untrusted hop when the peer is a trusted proxy', async () => {
    svc = await startTestService({ DYNPASS_LOGIN_RATE_PER_MINUTE: '2', DYNPASS_TRUSTED_PROXIES: '127.0.0.0/8' });
    for (let i = 0; i < 2; i++) await login(svc, 'nobody', 'x', { 'x-forwarded-for': '198.51.100.7' });
    expect((await login(svc, 'nobody', 'x', { 'x-forwarded-for': '198.51.100.7' })).status).toBe(429);
    // A spoofed left-most hop does not make a new client: the proxy appended the real one.
    expect((await login(svc, 'nobody', 'x', { 'x-forwarded-for': '10.9.9.9, 198.51.100.7' })).status).toBe(429);
    expect((await login(svc, 'nobody', 'x', { 'x-forwarded-for': '198.51.100.8' })).status).toBe(401);
  });
});
