import request from 'supertest';
import { createHttpApp } from '../../src/interfaces/http/app';
import { businessCalls, fakeUseCases, STAFF, STAFF_TOKEN, summaryOf, USER, USER_TOKEN } from './fakeUseCases';

const PASSWORD = 'Otter-Glass-5120';
const auth = { Authorization: `Bearer ${STAFF_TOKEN}` };

function setup() {
  const fake = fakeUseCases();
  return { ...fake, app: createHttpApp(fake.useCases) };
}

describe('/users routes', () => {
  it('POST /users registers and answers 201 with the summary and its Location', async () => {
    const { app, callsTo } = setup();
    const res = await request(app).post('/users').set(auth).send({ username: 'Carol', password: PASSWORD, staff: true });
    expect(res.status).toBe(201);
    expect(res.headers.location).toBe('/users/Carol');
    expect(res.body).toEqual(summaryOf('Carol', true));
    expect(res.text).not.toContain(PASSWORD);
    expect(callsTo('registerUser')[0].args).toEqual([STAFF, { username: 'Carol', password: PASSWORD, staff: true }]);
  });

  it('POST /users with a number for a password names one problem per field', async () => {
    const { app, calls } = setup();
    const res = await request(app).post('/users').set(auth).send({ username: 'carol', password: 12345678 });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'password', message: 'password must be a string' }]);
    expect(businessCalls(calls)).toEqual([]);
  });

  it('POST /users without staff registers a non-staff user', async () => {
    const { app, callsTo } = setup();
    await request(app).post('/users').set(auth).send({ username: 'carol', password: PASSWORD }).expect(201);
    expect(callsTo('registerUser')[0].args[1]).toEqual({ username: 'carol', password: PASSWORD, staff: false });
  });

  it('GET /users lists summaries under items', async () => {
    const { app } = setup();
    const res = await request(app).get('/users').set(auth).expect(200);
    expect(res.body).toEqual({ items: [summaryOf('alice'), summaryOf('boss', true)] });
  });

  it('GET /users/:username answers one summary and publishes nothing more', async () => {
    const fake = fakeUseCases({ getUser: async () => ({ ...summaryOf('alice'), passwordHash: '$argon2id$x' }) as never });
    const res = await request(createHttpApp(fake.useCases)).get('/users/alice').set(auth).expect(200);
    expect(res.body).toEqual(summaryOf('alice'));
    expect(fake.callsTo('getUser')[0].args).toEqual([STAFF, 'alice']);
  });

  it('PUT /users/:username/password answers 204 and passes the password through', async () => {
    const { app, callsTo } = setup();
    const res = await request(app).put('/users/alice/password').set({ Authorization: `Bearer ${USER_TOKEN}` }).send({ password: PASSWORD });
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    expect(callsTo('changePassword')[0].args).toEqual([USER, 'alice', PASSWORD, undefined]);
  });

  it.each([
    ['POST', '/users/alice/staff', 'GrantStaff'],
    ['DELETE', '/users/alice/staff', 'RevokeStaff'],
    ['DELETE', '/users/alice/dynamic-password', 'DisableDynamicPassword'],
    ['POST', '/users/alice/deactivate', 'DeactivateUser'],
    ['POST', '/users/alice/reactivate', 'ReactivateUser'],
  ])('%s %s is the admin action %s, answered 204', async (method, path, action) => {
    const { app, callsTo } = setup();
    const res = await request(app)[method === 'POST' ? 'post' : 'delete'](path).set(auth);
    expect(res.status).toBe(204);
    expect(callsTo('administerUser')[0].args).toEqual([STAFF, 'alice', action]);
  });

  it.each([
    [{}, {}],
    [{ pattern: '{password}{HH}' }, { pattern: '{password}{HH}' }],
    [{ timeZone: 'Europe/Paris' }, { timeZone: 'Europe/Paris' }],
    [{ pattern: '{password}', timeZone: 'UTC' }, { pattern: '{password}', timeZone: 'UTC' }],
  ])('PUT dynamic-password with %j enables it with %j', async (body, options) => {
    const { app, callsTo } = setup();
    await request(app).put('/users/alice/dynamic-password').set(auth).send(body).expect(204);
    expect(callsTo('enableDynamicPassword')[0].args).toEqual([STAFF, 'alice', options]);
  });

  it.each([{ pattern: null }, { timeZone: 3 }, { pattern: ['{HH}'] }, { timeZone: 'UTC', zone: 'UTC' }])(
    'PUT dynamic-password refuses %j',
    async (body) => {
      const { app, calls } = setup();
      const res = await request(app).put('/users/alice/dynamic-password').set(auth).send(body);
      expect(res.status).toBe(400);
      expect(businessCalls(calls)).toEqual([]);
    },
  );

  it('a pattern refused by validation is not echoed', async () => {
    const { app } = setup();
    const res = await request(app).put('/users/alice/dynamic-password').set(auth).send({ pattern: `{password}${'Q'.repeat(300)}` });
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('QQQQ');
  });

  it.each([
    ['no Authorization header', undefined, undefined],
    ['an unknown token', 'Bearer nope', 'nope'],
    ['another scheme', `Basic ${STAFF_TOKEN}`, undefined],
    ['a bearer with no token', 'Bearer ', undefined],
  ])('answers 401 to %s and does nothing else', async (_what, header, passed) => {
    const { app, calls, callsTo } = setup();
    const req = request(app).post('/users/alice/staff');
    const res = await (header === undefined ? req : req.set('Authorization', header));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(callsTo('authenticate')[0].args).toEqual([passed]);
    expect(businessCalls(calls)).toEqual([]);
  });

  it('authenticates before reading the body', async () => {
    const { app } = setup();
    const res = await request(app).post('/users').set('Content-Type', 'application/json').send('{not json');
    expect(res.status).toBe(401);
  });

  it('answers an unknown route with a 404 problem', async () => {
    const { app } = setup();
    const res = await request(app).get('/nowhere');
    expect(res.status).toBe(404);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({ type: 'about:blank', title: 'Not Found', status: 404, detail: 'no such resource' });
  });

  it('answers a malformed percent-encoding in a path with a 400 problem', async () => {
    const { app, calls } = setup();
    const res = await request(app).get('/users/%E0%A4%A').set(auth);
    expect(res.status).toBe(400);
    expect(res.body.status).toBe(400);
    expect(businessCalls(calls)).toEqual([]);
  });
});
