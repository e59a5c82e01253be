import request from 'supertest';
import type { AuditQuery } from '../../src/application/queries/queryAudit';
import { createHttpApp } from '../../src/interfaces/http/app';
import { businessCalls, fakeUseCases, STAFF, STAFF_TOKEN } from './fakeUseCases';

const auth = { Authorization: `Bearer ${STAFF_TOKEN}` };
const MAX = (2n ** 63n - 1n).toString();

function setup() {
  const fake = fakeUseCases({
    queryAudit: async () => ({
      items: [
        { position: 9007199254740993n, at: '2024-05-01T10:00:00.000Z', type: 'LoginAttempted', username: 'alice', actor: 'system', outcome: 'failed', reason: 'wrong_password', ip: '198.51.100.7' },
        { position: 12n, at: '2024-05-01T09:00:00.000Z', type: 'UserRegistered', username: 'alice', actor: 'boss' },
      ],
      nextCursor: 12n,
    }),
  });
  return { ...fake, app: createHttpApp(fake.useCases) };
}

async function queryFor(search: string): Promise<AuditQuery> {
  const { app, callsTo } = setup();
  await request(app).get(`/audit${search}`).set(auth).expect(200);
  return callsTo('queryAudit')[0].args[1] as AuditQuery;
}

describe('GET /audit', () => {
  it('answers positions and the next cursor as exact decimal strings', async () => {
    const { app } = setup();
    const res = await request(app).get('/audit').set(auth).expect(200);
    expect(res.body).toEqual({
      items: [
        { position: '9007199254740993', at: '2024-05-01T10:00:00.000Z', type: 'LoginAttempted', username: 'alice', actor: 'system', outcome: 'failed', reason: 'wrong_password', ip: '198.51.100.7' },
        { position: '12', at: '2024-05-01T09:00:00.000Z', type: 'UserRegistered', username: 'alice', actor: 'boss' },
      ],
      nextCursor: '12',
    });
  });

  it('answers a last page with a null cursor', async () => {
    const fake = fakeUseCases();
    const res = await request(createHttpApp(fake.useCases)).get('/audit').set(auth).expect(200);
    expect(res.body).toEqual({ items: [], nextCursor: null });
  });

  it('asks for 50 entries by default', async () => {
    expect(await queryFor('')).toEqual({ limit: 50 });
  });

  it('passes every filter, the cursor as a bigint and times as UTC milliseconds', async () => {
    const query = await queryFor(`?username=Alice&type=LoginAttempted&outcome=failed&from=2024-05-01T12:00:00%2B02:00&to=2024-05-02T00:00:00.5Z&limit=500&cursor=${MAX}`);
    expect(query).toEqual({
      username: 'Alice',
      type: 'LoginAttempted',
      outcome: 'failed',
      from: '2024-05-01T10:00:00.000Z',
      to: '2024-05-02T00:00:00.500Z',
      limit: 500,
      cursor: 2n ** 63n - 1n,
    });
    expect((await queryFor('?cursor=0')).cursor).toBe(0n);
  });

  it('keeps sub-millisecond bounds inclusive: from rounds up, to rounds down', async () => {
    const query = await queryFor('?from=2024-05-01T00:00:00.0001Z&to=2024-05-01T00:00:00.9999Z');
    expect(query).toMatchObject({ from: '2024-05-01T00:00:00.001Z', to: '2024-05-01T00:00:00.999Z' });
  });

  it('passes the query to the use case with the principal', async () => {
    const { app, callsTo } = setup();
    await request(app).get('/audit?limit=1').set(auth).expect(200);
    expect(callsTo('queryAudit')[0].args).toEqual([STAFF, { limit: 1 }]);
  });

  it.each([
    'limit=0', 'limit=501', 'limit=-1', 'limit=1.5', 'limit=1e3', 'limit=0x10', 'limit=', 'limit=%201', 'limit=abc',
    'cursor=-1', `cursor=${(2n ** 63n).toString()}`, 'cursor=99999999999999999999999', 'cursor=1.0', 'cursor=0x1', 'cursor=',
    'type=AccountLockedOut', 'type=loginattempted', 'outcome=success',
    'from=2024-05-01', 'from=2024-02-30T00:00:00Z', 'from=2024-05-01T24:00:00Z', 'to=2024-05-01T10:00:00', 'to=yesterday', 'from=1714557600000',
    'limit=5&limit=6', 'page=2', '__proto__=x', 'username=' + 'u'.repeat(257),
  ])('refuses ?%s with a 400 and does not query', async (search) => {
    const { app, calls } = setup();
    const res = await request(app).get(`/audit?${search}`).set(auth);
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body.errors?.length ?? 0).toBeGreaterThan(0);
    expect(businessCalls(calls)).toEqual([]);
  });

  it('answers 401 without a token', async () => {
    const { app, calls } = setup();
    expect((await request(app).get('/audit')).status).toBe(401);
    expect(businessCalls(calls)).toEqual([]);
  });
});
