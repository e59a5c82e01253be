import request from 'supertest';
import type { LoginInput, LoginResult } from '../../src/application/commands/attemptLogin';
import { createHttpApp } from '../../src/interfaces/http/app';
import { fakeUseCases } from './fakeUseCases';

const PASSWORD = 'Walrus-Tusk-4471';
const OK: LoginResult = { ok: true, token: 'tok.en', expiresAt: new Date('2030-01-02T03:04:05.678Z'), user: { username: 'Alice', staff: false } };

function login(app: ReturnType<typeof createHttpApp>, body: unknown) {
  return request(app).post('/auth/login').set('Content-Type', 'application/json').send(JSON.stringify(body));
}

/** Headers that must not differ between two failures; Date is the clock's, not the request's. */
function stableHeaders(headers: Record<string, string>): Record<string, string> {
  const { date: _date, ...rest } = headers;
  return rest;
}

describe('POST /auth/login', () => {
  it('answers a success with the token, its expiry as ISO-8601 and the user', async () => {
    const fake = fakeUseCases({ login: async () => OK });
    const res = await login(createHttpApp(fake.useCases), { username: 'alice', password: PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ token: 'tok.en', expiresAt: '2030-01-02T03:04:05.678Z', user: { username: 'Alice', staff: false } });
    expect(res.text).not.toContain(PASSWORD);
  });

  it('passes the client address and a user agent cut to 256 characters', async () => {
    const fake = fakeUseCases({ login: async () => OK });
    await login(createHttpApp(fake.useCases), { username: 'alice', password: PASSWORD }).set('User-Agent', 'a'.repeat(300));
    const [input] = fake.callsTo('login')[0].args as [LoginInput];
    expect(input).toEqual({ username: 'alice', password: PASSWORD, ip: expect.stringMatching(/127\.0\.0\.1|::1/), userAgent: 'a'.repeat(256) });
  });

  it('answers every failure with the same status, headers and bytes', async () => {
    // The use case says only { ok: false }; the requests differ as the real reasons would.
    const attempts = [
      { username: 'nobody', password: PASSWORD },
      { username: 'alice', password: 'wrong-password' },
      { username: 'alice', password: '' },
      { username: '', password: '' },
      { username: 'inactive-bob', password: PASSWORD },
    ];
    const fake = fakeUseCases({ login: async () => ({ ok: false }) });
    const app = createHttpApp(fake.useCases);
    const replies = [];
    for (const body of attempts) replies.push(await login(app, body).set('User-Agent', 'same'));
    expect(fake.callsTo('login')).toHaveLength(attempts.length);
    for (const res of replies) {
      expect(res.status).toBe(401);
      expect(res.text).toBe(replies[0].text);
      expect(stableHeaders(res.headers)).toEqual(stableHeaders(replies[0].headers));
    }
    expect(JSON.parse(replies[0].text)).toEqual({ type: 'about:blank', title: 'Unauthorized', status: 401, detail: 'invalid credentials' });
    expect(replies[0].headers['www-authenticate']).toBe('Bearer');
    expect(replies.map((r) => r.text).join('')).not.toContain(PASSWORD);
  });

  it('lets an empty password reach the use case, to fail as a 401', async () => {
    const fake = fakeUseCases();
    const res = await login(createHttpApp(fake.useCases), { username: 'alice', password: '' });
    expect(res.status).toBe(401);
    expect((fake.callsTo('login')[0].args[0] as LoginInput).password).toBe('');
  });

  it.each([
    ['a number as password', { username: 'alice', password: 12345678 }],
    ['a missing password', { username: 'alice' }],
    ['a 257-character username', { username: 'u'.repeat(257), password: PASSWORD }],
    ['a 513-character password', { username: 'alice', password: 'p'.repeat(513) }],
    ['an extra field', { username: 'alice', password: PASSWORD, remember: true }],
  ])('answers %s with a 400 and does not try to log in', async (_what, body) => {
    const fake = fakeUseCases();
    const res = await login(createHttpApp(fake.useCases), body);
    expect(res.status).toBe(400);
    expect(res.text).not.toContain(PASSWORD);
    expect(res.text).not.toContain('pppppppp');
    expect(fake.calls).toEqual([]);
  });

  it('does not take X-Forwarded-For from an untrusted peer', async () => {
    const fake = fakeUseCases();
    await login(createHttpApp(fake.useCases), { username: 'alice', password: PASSWORD }).set('X-Forwarded-For', '203.0.113.9');
    expect((fake.callsTo('login')[0].args[0] as LoginInput).ip).not.toBe('203.0.113.9');
  });

  it('takes the client address from X-Forwarded-For when the peer is a trusted proxy', async () => {
    const fake = fakeUseCases();
    const app = createHttpApp(fake.useCases, { trustProxy: ['127.0.0.0/8', '::1/128'] });
    await login(app, { username: 'alice', password: PASSWORD }).set('X-Forwarded-For', '198.51.100.7, 203.0.113.9');
    expect((fake.callsTo('login')[0].args[0] as LoginInput).ip).toBe('203.0.113.9');
  });

  it('refuses a proxy list that is not addresses or CIDRs when the app is built', () => {
    expect(() => createHttpApp(fakeUseCases().useCases, { trustProxy: ['not-a-cidr'] })).toThrow();
  });
});
