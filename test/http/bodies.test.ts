import request from 'supertest';
import { createHttpApp } from '../../src/interfaces/http/app';
import { businessCalls, fakeUseCases, STAFF_TOKEN } from './fakeUseCases';

const SECRET = 'Zebra-Secret-991';

function setup(options: { bodyLimit?: string } = {}) {
  const fake = fakeUseCases();
  return { ...fake, app: createHttpApp(fake.useCases, options) };
}

function postUsers(app: ReturnType<typeof createHttpApp>) {
  return request(app).post('/users').set('Authorization', `Bearer ${STAFF_TOKEN}`);
}

describe('request bodies', () => {
  it('refuses malformed JSON with a 400 that does not quote the body', async () => {
    const { app, calls } = setup();
    const res = await postUsers(app).set('Content-Type', 'application/json').send(`{"username":"carol","password":"${SECRET}",`);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({ type: 'about:blank', title: 'Bad Request', status: 400, detail: 'request body is not valid JSON' });
    expect(res.text).not.toContain(SECRET);
    expect(businessCalls(calls)).toEqual([]);
  });

  it.each([
    ['an array', '[{"username":"carol","password":"long-enough-1"}]'],
    ['a string', '"carol"'],
    ['null', 'null'],
    ['a number', '42'],
  ])('refuses %s as a body with a 400', async (_what, raw) => {
    const { app, calls } = setup();
    const res = await postUsers(app).set('Content-Type', 'application/json').send(raw);
    expect(res.status).toBe(400);
    expect(res.body.status).toBe(400);
    expect(businessCalls(calls)).toEqual([]);
  });

  it('refuses unknown fields, naming them', async () => {
    const { app, calls } = setup();
    const res = await postUsers(app).send({ username: 'carol', password: SECRET, admin: true });
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: 'admin', message: expect.any(String) }]);
    expect(businessCalls(calls)).toEqual([]);
  });

  it.each([
    ['a number as username', { username: 42, password: SECRET }, 'username'],
    ['a number as password', { username: 'carol', password: 12345678 }, 'password'],
    ['an array as password', { username: 'carol', password: [SECRET] }, 'password'],
    ['an object as username', { username: { first: 'carol' }, password: SECRET }, 'username'],
    ['a string as staff', { username: 'carol', password: SECRET, staff: 'true' }, 'staff'],
    ['a number as staff', { username: 'carol', password: SECRET, staff: 1 }, 'staff'],
    ['null as staff', { username: 'carol', password: SECRET, staff: null }, 'staff'],
    ['a missing password', { username: 'carol' }, 'password'],
    ['a 513-character password', { username: 'carol', password: 'x'.repeat(513) }, 'password'],
  ])('refuses %s without converting it', async (_what, body, field) => {
    const { app, calls } = setup();
    const res = await postUsers(app).send(body);
    expect(res.status).toBe(400);
    expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain('xxxxxxxx');
    expect(businessCalls(calls)).toEqual([]);
  });

  it.each([
    ['__proto__ at the top', `{"username":"carol","password":"${SECRET}","__proto__":{"polluted":"yes"}}`],
    ['__proto__ nested', `{"username":"carol","password":"${SECRET}","staff":{"__proto__":{"polluted":"yes"}}}`],
    ['constructor', `{"username":"carol","password":"${SECRET}","constructor":{"prototype":{"polluted":"yes"}}}`],
    ['prototype', `{"username":"carol","password":"${SECRET}","prototype":{"polluted":"yes"}}`],
  ])('refuses %s keys and pollutes nothing', async (_what, raw) => {
    const { app, calls } = setup();
    const res = await postUsers(app).set('Content-Type', 'application/json').send(raw);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([{ field: expect.stringMatching(/__proto__|constructor|prototype/), message: 'property name is not allowed' }]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(businessCalls(calls)).toEqual([]);
  });

  it('answers 413 to a body over the default 16kb limit', async () => {
    const { app, calls } = setup();
    const res = await postUsers(app).send({ username: 'carol', password: 'p'.repeat(17 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body).toEqual({ type: 'about:blank', title: 'Payload Too Large', status: 413, detail: 'request body is too large' });
    expect(businessCalls(calls)).toEqual([]);
  });

  it('honours a configured body limit', async () => {
    const { app } = setup({ bodyLimit: '100b' });
    const res = await postUsers(app).send({ username: 'carol', password: 'p'.repeat(200) });
    expect(res.status).toBe(413);
  });

  it.each([
    ['text/plain', 'text/plain'],
    ['a form', 'application/x-www-form-urlencoded'],
    ['a JSON suffix type', 'application/merge-patch+json'],
  ])('answers 415 to %s', async (_what, contentType) => {
    const { app, calls } = setup();
    const res = await postUsers(app).set('Content-Type', contentType).send(`{"username":"carol","password":"${SECRET}"}`);
    expect(res.status).toBe(415);
    expect(res.body).toMatchObject({ title: 'Unsupported Media Type', status: 415 });
    expect(businessCalls(calls)).toEqual([]);
  });

  it('answers 415 to a body route called without a Content-Type', async () => {
    const { app, calls } = setup();
    const res = await request(app).put('/users/alice/password').set('Authorization', `Bearer ${STAFF_TOKEN}`);
    expect(res.status).toBe(415);
    expect(businessCalls(calls)).toEqual([]);
  });

  it('answers 415 to a charset JSON cannot have', async () => {
    const { app, calls } = setup();
    const res = await postUsers(app).set('Content-Type', 'application/json; charset=latin1').send('{}');
    expect(res.status).toBe(415);
    expect(businessCalls(calls)).toEqual([]);
  });

  it('accepts application/json with a utf-8 charset', async () => {
    const { app, callsTo } = setup();
    const res = await postUsers(app).set('Content-Type', 'Application/JSON; charset=utf-8').send(`{"username":"carol","password":"${SECRET}"}`);
    expect(res.status).toBe(201);
    expect(callsTo('registerUser')).toHaveLength(1);
  });
});
