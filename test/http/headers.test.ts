import request from 'supertest';
import { createHttpApp } from '../../src/interfaces/http/app';
import { fakeUseCases, STAFF_TOKEN } from './fakeUseCases';

const EXPECTED = {
  'x-content-type-options': 'nosniff',
  'cache-control': 'no-store',
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
};

describe('every response', () => {
  const app = createHttpApp(fakeUseCases().useCases, { bodyLimit: '100b' });

  it.each([
    ['a 200', () => request(app).get('/healthz'), 200],
    ['a 201', () => request(app).post('/users').set('Authorization', `Bearer ${STAFF_TOKEN}`).send({ username: 'c', password: 'long-enough' }), 201],
    ['a 204', () => request(app).post('/users/alice/staff').set('Authorization', `Bearer ${STAFF_TOKEN}`), 204],
    ['a 400', () => request(app).post('/auth/login').set('Content-Type', 'application/json').send('{'), 400],
    ['a 401', () => request(app).get('/users'), 401],
    ['a 404', () => request(app).get('/nowhere'), 404],
    ['a 413', () => request(app).post('/auth/login').send({ username: 'u', password: 'p'.repeat(200) }), 413],
    ['a 415', () => request(app).post('/auth/login').set('Content-Type', 'text/plain').send('x'), 415],
  ])('%s carries the security headers and no X-Powered-By', async (_what, send, status) => {
    const res = await send();
    expect(res.status).toBe(status);
    expect(res.headers).toMatchObject(EXPECTED);
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('GET /healthz answers ok', async () => {
    const res = await request(app).get('/healthz');
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
  });
});

describe('the request log', () => {
  it('has method, path without query, status and duration, and no secrets', async () => {
    const lines: Record<string, unknown>[] = [];
    const app = createHttpApp(fakeUseCases().useCases, { log: (line) => lines.push(line) });
    await request(app).post('/auth/login').send({ username: 'alice', password: 'Heron-Pond-8812' });
    await request(app).get('/audit?username=alice&limit=5').set('Authorization', `Bearer ${STAFF_TOKEN}`);
    expect(lines).toEqual([
      { method: 'POST', path: '/auth/login', status: 401, ms: expect.any(Number) },
      { method: 'GET', path: '/audit', status: 200, ms: expect.any(Number) },
    ]);
    const logged = JSON.stringify(lines);
    expect(logged).not.toContain('Heron-Pond-8812');
    expect(logged).not.toContain(STAFF_TOKEN);
    expect(logged).not.toContain('username=');
  });
});
