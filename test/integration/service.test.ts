import { ADMIN, startTestService, type TestService } from '../support/testService';
import { call, loginToken } from '../support/http';

const PASSWORD = 's3kr3t-password';

describe('the service over HTTP on a real SQLite file', () => {
  let svc: TestService;
  let adminToken: string;
  beforeEach(async () => {
    svc = await startTestService();
    adminToken = await loginToken(svc.url, ADMIN.username, ADMIN.password);
  });
  afterEach(async () => svc.close());

  const eventCount = async () => (await svc.store.readAll({ limit: 100_000 })).length;

  it('walks through the README: create a user, enable a pattern, log in with the dynamic form, read the audit', async () => {
    const created = await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'alice', password: PASSWORD } });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({ username: 'alice', staff: false, active: true, dynamicPassword: { required: false, source: 'global' } });

    expect((await call(svc.url, 'PUT', '/users/alice/dynamic-password', { token: adminToken, json: { pattern: '%d<PASSWORD>%H-%M' } })).status).toBe(204);
    const alice = await call(svc.url, 'GET', '/users/alice', { token: adminToken });
    expect(alice.body.dynamicPassword).toEqual({ required: true, source: 'user' });

    expect((await call(svc.url, 'POST', '/auth/login', { json: { username: 'alice', password: PASSWORD } })).status).toBe(401);
    const ok = await call(svc.url, 'POST', '/auth/login', { json: { username: 'alice', password: `29${PASSWORD}08-01` } });
    expect(ok.status).toBe(200);
    expect(ok.body.user).toEqual({ username: 'alice', staff: false });

    const audit = await call(svc.url, 'GET', '/audit?username=alice&type=LoginAttempted', { token: adminToken });
    expect(audit.status).toBe(200);
    expect(audit.body.items.map((item: any) => [item.outcome, item.reason])).toEqual([
      ['succeeded', undefined],
      ['failed', 'static_password_without_pattern'],
    ]);
    expect(JSON.stringify(audit.body)).not.toContain(PASSWORD);
  });

  it('gives exactly one 201 for 50 concurrent registrations of one name', async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) => call(svc.url, 'POST', '/users', { token: adminToken, json: { username: i % 2 ? 'Bob' : 'bob', password: PASSWORD } })),
    );
    expect(replies.filter((reply) => reply.status === 201)).toHaveLength(1);
    expect(replies.filter((reply) => reply.status === 409)).toHaveLength(49);
    expect(await svc.store.readStream('user-bob')).toHaveLength(1);
  });

  it('records exactly 200 LoginAttempted events for 200 concurrent attempts on one user', async () => {
    await svc.close();
    svc = await startTestService({ DYNPASS_LOGIN_RATE_PER_MINUTE: '0' });
    adminToken = await loginToken(svc.url, ADMIN.username, ADMIN.password);
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'carol', password: PASSWORD } });
    const replies = await Promise.all(
      Array.from({ length: 200 }, (_, i) => call(svc.url, 'POST', '/auth/login', { json: { username: 'carol', password: i % 4 ? 'wrong-password' : PASSWORD } })),
    );
    expect(replies.filter((reply) => reply.status === 200)).toHaveLength(50);
    const attempts = (await svc.store.readStream('user-carol')).filter((event) => event.type === 'LoginAttempted');
    expect(attempts).toHaveLength(200);
  });

  it('stops honouring a staff token as soon as staff is revoked', async () => {
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'dave', password: PASSWORD, staff: true } });
    const daveToken = await loginToken(svc.url, 'dave', PASSWORD);
    expect((await call(svc.url, 'GET', '/users', { token: daveToken })).status).toBe(200);
    expect((await call(svc.url, 'DELETE', '/users/dave/staff', { token: adminToken })).status).toBe(204);
    expect((await call(svc.url, 'GET', '/users', { token: daveToken })).status).toBe(403);
  });

  it('answers 401 without a token and 403 for a user who is not staff', async () => {
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'erin', password: PASSWORD } });
    const erinToken = await loginToken(svc.url, 'erin', PASSWORD);
    expect((await call(svc.url, 'GET', '/users')).status).toBe(401);
    expect((await call(svc.url, 'GET', '/users', { token: `${erinToken}x` })).status).toBe(401);
    expect((await call(svc.url, 'GET', '/users', { token: erinToken })).status).toBe(403);
    expect((await call(svc.url, 'GET', '/audit', { token: erinToken })).status).toBe(403);
  });

  it('lets a user change their own password given the current one, which ends their earlier sessions', async () => {
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'frank', password: PASSWORD } });
    const before = await loginToken(svc.url, 'frank', PASSWORD);
    svc.clock.advance(1000);
    expect((await call(svc.url, 'PUT', '/users/frank/password', { token: before, json: { password: 'another-password' } })).status).toBe(403);
    expect((await call(svc.url, 'PUT', '/users/frank/password', { token: before, json: { password: 'another-password', currentPassword: 'wrong-password' } })).status).toBe(403);
    const audit = await call(svc.url, 'GET', '/audit?username=frank&type=LoginAttempted', { token: adminToken });
    expect(audit.body.items[0]).toMatchObject({ outcome: 'failed', reason: 'wrong_password' });
    expect((await call(svc.url, 'PUT', '/users/frank/password', { token: before, json: { password: 'another-password', currentPassword: PASSWORD } })).status).toBe(204);
    expect((await call(svc.url, 'GET', '/users/frank', { token: before })).status).toBe(401);
    expect((await call(svc.url, 'POST', '/auth/login', { json: { username: 'frank', password: PASSWORD } })).status).toBe(401);
    expect(await loginToken(svc.url, 'frank', 'another-password')).toEqual(expect.any(String));
  });

  it('refuses logins of a deactivated user until reactivated', async () => {
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'gina', password: PASSWORD } });
    expect((await call(svc.url, 'POST', '/users/gina/deactivate', { token: adminToken })).status).toBe(204);
    expect((await call(svc.url, 'POST', '/auth/login', { json: { username: 'gina', password: PASSWORD } })).status).toBe(401);
    expect((await call(svc.url, 'GET', '/users/gina', { token: adminToken })).body.active).toBe(false);
    expect((await call(svc.url, 'POST', '/users/gina/reactivate', { token: adminToken })).status).toBe(204);
    expect((await call(svc.url, 'POST', '/auth/login', { json: { username: 'gina', password: PASSWORD } })).status).toBe(200);
  });

  it.each([
    ['malformed JSON', 'POST', '/users', { raw: '{"username": "x",' }],
    ['an unknown field', 'POST', '/users', { json: { username: 'henry', password: PASSWORD, admin: true } }],
    ['a field named after an Object.prototype method', 'POST', '/users', { json: { username: 'henry', password: PASSWORD, hasOwnProperty: 'x' } }],
    ['a wrong type', 'POST', '/users', { json: { username: 'henry', password: PASSWORD, staff: 'yes' } }],
    ['an oversized body', 'POST', '/users', { json: { username: 'henry', password: 'x'.repeat(100_000) } }],
    ['an invalid username', 'POST', '/users', { json: { username: 'hen ry', password: PASSWORD } }],
    ['a short password', 'POST', '/users', { json: { username: 'henry', password: 'short' } }],
    ['an invalid pattern', 'PUT', '/users/admin/dynamic-password', { json: { pattern: '%s<PASSWORD>' } }],
    ['a pattern without <PASSWORD>', 'PUT', '/users/admin/dynamic-password', { json: { pattern: '%d%H' } }],
    ['a pattern without a time part', 'PUT', '/users/admin/dynamic-password', { json: { pattern: 'Extra<PASSWORD>' } }],
    ['no pattern while the global one has no time part', 'PUT', '/users/admin/dynamic-password', { json: {} }],
    ['%Z in a zone whose abbreviations are not known', 'PUT', '/users/admin/dynamic-password', { json: { pattern: '%Z<PASSWORD>%H', timeZone: 'SystemV/EST5' } }],
    ['a pattern that renders too long to type', 'PUT', '/users/admin/dynamic-password', { json: { pattern: `${'%c'.repeat(11)}<PASSWORD>` } }],
    ['an invalid time zone', 'PUT', '/users/admin/dynamic-password', { json: { timeZone: 'Mars/Olympus' } }],
    ['a negative audit limit', 'GET', '/audit?limit=-1', {}],
    ['a query string where none is taken', 'GET', '/users?staff=true', {}],
    ['a body where none is taken', 'POST', '/users/admin/deactivate', { json: { reason: 'x' } }],
    ['a cursor past 2^63', 'GET', '/audit?cursor=9223372036854775808', {}],
  ] as const)('answers %s with a 400-range problem and appends nothing', async (_label, method, path, options) => {
    const before = await eventCount();
    const reply = await call(svc.url, method, path, { token: adminToken, ...options });
    expect(reply.status).toBeGreaterThanOrEqual(400);
    expect(reply.status).toBeLessThan(500);
    expect(reply.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(reply.text).not.toContain(PASSWORD);
    expect(await eventCount()).toBe(before);
  });

  it('exempts a user from the global pattern with DELETE, and puts them back under it with reset', async () => {
    await svc.close();
    svc = await startTestService({ DYNAMIC_PASSWORD_PATTERN: '<PASSWORD>%d', DYNAMIC_PASSWORD_USERS: 'hugo' });
    adminToken = await loginToken(svc.url, ADMIN.username, ADMIN.password);
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'hugo', password: PASSWORD } });
    const required = async () => (await call(svc.url, 'GET', '/users/hugo', { token: adminToken })).body.dynamicPassword;
    const loginStatus = async (password: string) => (await call(svc.url, 'POST', '/auth/login', { json: { username: 'hugo', password } })).status;
    expect(await required()).toEqual({ required: true, source: 'global' });
    expect((await call(svc.url, 'DELETE', '/users/hugo/dynamic-password', { token: adminToken })).status).toBe(204);
    expect(await required()).toEqual({ required: false, source: 'user' });
    expect(await loginStatus(PASSWORD)).toBe(200);
    expect((await call(svc.url, 'POST', '/users/hugo/dynamic-password/reset', { token: adminToken })).status).toBe(204);
    expect(await required()).toEqual({ required: true, source: 'global' });
    expect(await loginStatus(PASSWORD)).toBe(401);
    expect(await loginStatus(`${PASSWORD}29`)).toBe(200);
  });

  it('gives 409 for a taken name and 404 for an unknown user', async () => {
    expect((await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'ADMIN', password: PASSWORD } })).status).toBe(409);
    expect((await call(svc.url, 'GET', '/users/nobody', { token: adminToken })).status).toBe(404);
  });

  it('keeps users and audit across a restart on the same file', async () => {
    await call(svc.url, 'POST', '/users', { token: adminToken, json: { username: 'ivan', password: PASSWORD } });
    await call(svc.url, 'POST', '/auth/login', { json: { username: 'ivan', password: 'wrong-password' } });
    const auditBefore = (await call(svc.url, 'GET', '/audit', { token: adminToken })).body.items;
    await svc.stop();
    svc = await startTestService({}, svc.dir);
    const token = await loginToken(svc.url, ADMIN.username, ADMIN.password);
    expect((await call(svc.url, 'GET', '/users/ivan', { token })).status).toBe(200);
    const auditAfter = (await call(svc.url, 'GET', '/audit', { token })).body.items;
    expect(auditAfter.slice(1)).toEqual(auditBefore);
  });

  it('pages the audit newest first with a cursor', async () => {
    for (let i = 0; i < 5; i++) await call(svc.url, 'POST', '/auth/login', { json: { username: 'admin', password: 'wrong-password' } });
    const first = await call(svc.url, 'GET', '/audit?type=LoginAttempted&outcome=failed&limit=3', { token: adminToken });
    expect(first.body.items).toHaveLength(3);
    const second = await call(svc.url, 'GET', `/audit?type=LoginAttempted&outcome=failed&limit=3&cursor=${first.body.nextCursor}`, { token: adminToken });
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const positions = [...first.body.items, ...second.body.items].map((item: any) => BigInt(item.position));
    expect(positions).toEqual([...positions].sort((a, b) => (a < b ? 1 : -1)));
  });
});
