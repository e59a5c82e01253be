import type { RecordedEvent } from '../../src/application/ports/eventStore';
import { TYPES } from '../../src/infrastructure/di/types';
import { CountingHasher } from '../support/countingHasher';
import { call, loginToken } from '../support/http';
import { rawRequest, type RawReply } from '../support/rawHttp';
import { ADMIN, startTestService, type TestService } from '../support/testService';
import { HOSTILE_CASES, type HostileCase } from './hostileCases';

const ALICE = { username: 'alice', password: 'alice-password-1' };

/** Own keys of the prototypes a pollution would reach, taken before any request is made. */
const PROTOTYPES: Record<string, object> = { Object: Object.prototype, Array: Array.prototype, Function: Function.prototype, String: String.prototype };
const prototypeKeys = () => Object.fromEntries(Object.entries(PROTOTYPES).map(([name, proto]) => [name, Reflect.ownKeys(proto).map(String).sort()]));
const PRISTINE = prototypeKeys();

function requestBytes(c: HostileCase, token: string | undefined): Buffer {
  const body = c.body === undefined ? undefined : Buffer.isBuffer(c.body) ? c.body : Buffer.from(c.body, 'utf8');
  const contentType = c.contentType === undefined ? (body === undefined ? null : 'application/json') : c.contentType;
  const lines = [`${c.method} ${c.path} HTTP/1.1`, 'Host: 127.0.0.1', 'Connection: close'];
  if (token !== undefined) lines.push(`Authorization: Bearer ${token}`);
  if (contentType !== null) lines.push(`Content-Type: ${contentType}`);
  for (const [name, value] of Object.entries(c.headers ?? {})) lines.push(`${name}: ${value}`);
  if (body !== undefined) lines.push(`Content-Length: ${body.length}`);
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1'), body ?? Buffer.alloc(0)]);
}

const withoutDate = (headers: Readonly<Record<string, string>>) => Object.fromEntries(Object.entries(headers).filter(([name]) => name !== 'date'));

async function lastPosition(svc: TestService): Promise<bigint> {
  const events = await svc.store.readAll({ limit: 1_000_000 });
  return events[events.length - 1].position;
}

async function appendedSince(svc: TestService, position: bigint): Promise<RecordedEvent[]> {
  return svc.store.readAll({ after: position, limit: 1000 });
}

function expectNothingPollutedAndAlive(): void {
  expect(prototypeKeys()).toEqual(PRISTINE);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  expect(({} as Record<string, unknown>).staff).toBeUndefined();
}

describe('hostile requests to every endpoint, on the real service', () => {
  let svc: TestService;
  const tokens: Record<'admin' | 'alice', string> = { admin: '', alice: '' };
  /** A plain wrong-password failure for an unknown user: every login failure must look exactly like it. */
  let genericFailure: RawReply;

  beforeAll(async () => {
    svc = await startTestService();
    tokens.admin = await loginToken(svc.url, ADMIN.username, ADMIN.password);
    expect((await call(svc.url, 'POST', '/users', { token: tokens.admin, json: ALICE })).status).toBe(201);
    tokens.alice = await loginToken(svc.url, ALICE.username, ALICE.password);
    const reference: HostileCase = { name: 'reference', method: 'POST', path: '/auth/login', body: JSON.stringify({ username: 'nobody-reference', password: 'wrong-password-1' }), status: 401 };
    genericFailure = await rawRequest(svc.service.port, requestBytes(reference, undefined));
    expect(genericFailure.status).toBe(401);
  });
  afterAll(async () => svc.close());

  it('has at least 100 cases, each named once', () => {
    const names = HOSTILE_CASES.map((c) => c.name);
    expect(names.length).toBeGreaterThanOrEqual(100);
    expect(new Set(names).size).toBe(names.length);
    // The clock stands still, so every login here falls in one throttling minute (default 120 per
    // address); three more are made in beforeAll. Past that, cases would answer 429 instead.
    expect(HOSTILE_CASES.filter((c) => c.path === '/auth/login').length + 3).toBeLessThanOrEqual(120);
  });

  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('%s', async (_name, c) => {
    const before = await lastPosition(svc);
    const reply = await rawRequest(svc.service.port, requestBytes(c, c.as && tokens[c.as]));

    expect(reply.status).toBe(c.status);
    expect(reply.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(JSON.parse(reply.text)).toEqual(expect.objectContaining({ type: 'about:blank', status: c.status, title: expect.any(String), detail: expect.any(String) }));
    const appended = await appendedSince(svc, before);
    if (c.loginFailure) {
      expect(reply.text).toBe(genericFailure.text);
      expect(withoutDate(reply.headers)).toEqual(withoutDate(genericFailure.headers));
      expect(appended.map((event) => [event.type, event.data.outcome])).toEqual([['LoginAttempted', 'failed']]);
    } else {
      expect(appended.map((event) => event.type)).toEqual([]);
    }
    expectNothingPollutedAndAlive();
    expect((await call(svc.url, 'GET', '/healthz')).status).toBe(200);
  });

  // Node's HTTP parser refuses these before Express runs; the server's clientError handler still
  // answers with a problem document.
  it.each([
    ['a 20 kB Authorization header', `GET /users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['NUL in a header value', 'GET /users HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer a\u0000b\r\n\r\n', 400],
    ['a non-numeric Content-Length', 'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: abc\r\n\r\n{}', 400],
    ['both Content-Length and chunked', 'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n', 400],
    ['a bad chunk size', 'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n', 400],
    [
      'a body cut short of its Content-Length',
      'POST /auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"username":"admin","password":"adm',
      400,
    ],
  ])('is refused by the HTTP parser: %s', async (_name, raw, status) => {
    const before = await lastPosition(svc);
    // Our side is closed after writing, as by a client that gives up (or lied about the length).
    const reply = await rawRequest(svc.service.port, Buffer.from(raw, 'latin1'), { halfClose: true });
    expect(reply.status).toBe(status);
    expect(reply.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await appendedSince(svc, before)).toEqual([]);
    expectNothingPollutedAndAlive();
    expect((await call(svc.url, 'GET', '/healthz')).status).toBe(200);
  });

});

describe('password lengths at login, with a counting hasher', () => {
  let svc: TestService;
  const hasher = new CountingHasher();
  beforeEach(async () => {
    svc = await startTestService({}, undefined, (container) => container.rebind(TYPES.PasswordHasher).toConstantValue(hasher));
    hasher.verifications = 0;
  });
  afterEach(async () => svc.close());

  it.each([
    ['64 ASCII characters', 'p@ss-'.repeat(12) + 'word'],
    ['64 code points, some outside the BMP', '\u00e9\u{1f511}'.repeat(32)],
    ['128 characters, the most a new password may have', 'P'.repeat(128)],
  ])('accepts a static password of %s: created, then logged in with', async (_what, password) => {
    const token = await loginToken(svc.url, ADMIN.username, ADMIN.password);
    expect((await call(svc.url, 'POST', '/users', { token, json: { username: 'long', password } })).status).toBe(201);
    expect((await call(svc.url, 'POST', '/auth/login', { json: { username: 'long', password } })).status).toBe(200);
    expect((await call(svc.url, 'POST', '/auth/login', { json: { username: 'long', password: `${password.slice(0, -1)}?` } })).status).toBe(401);
  });

  it('runs one slow verification for an ordinary wrong password, user or not (the counter counts)', async () => {
    await call(svc.url, 'POST', '/auth/login', { json: { username: 'admin', password: 'w'.repeat(64) } });
    await call(svc.url, 'POST', '/auth/login', { json: { username: 'nobody', password: 'w'.repeat(64) } });
    expect(hasher.verifications).toBe(2);
  });

  it.each([
    ['100 000 characters (past the body limit)', 100_000, 413],
    ['513 characters (past the login field limit)', 513, 400],
  ])('refuses a login password of %s before any hashing, the same way for a user and a non-user', async (_what, length, status) => {
    const before = await lastPosition(svc);
    const replies = [];
    for (const username of ['admin', 'nobody']) {
      replies.push(await call(svc.url, 'POST', '/auth/login', { json: { username, password: 'p'.repeat(length) } }));
    }
    expect(hasher.verifications).toBe(0);
    expect(replies.map((reply) => reply.status)).toEqual([status, status]);
    expect(replies[0].text).toBe(replies[1].text);
    expect(replies[0].headers.get('content-type')).toBe('application/problem+json; charset=utf-8');
    expect(await appendedSince(svc, before)).toEqual([]);
  });
});
