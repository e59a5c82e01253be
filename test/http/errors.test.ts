import request from 'supertest';
import { AccessDenied } from '../../src/application/principal';
import { EventStoreError, WrongExpectedRevisionError } from '../../src/application/ports/eventStore';
import { DomainError, type DomainErrorCode } from '../../src/domain/user/errors';
import { createHttpApp } from '../../src/interfaces/http/app';
import { fakeUseCases, STAFF_TOKEN } from './fakeUseCases';

/** Shaped like domain/dynamicPassword/pattern.ts's PatternError: not a DomainError, code 'invalid_pattern'. */
class PatternError extends Error {
  override readonly name = 'PatternError';
  readonly code = 'invalid_pattern' as const;
  constructor(message: string, readonly directive?: string) {
    super(message);
  }
}

function appThrowing(error: unknown, log: (line: Record<string, unknown>) => void = () => undefined) {
  const fake = fakeUseCases({ getUser: async () => Promise.reject(error) });
  return createHttpApp(fake.useCases, { log });
}

const getUser = (app: ReturnType<typeof createHttpApp>) => request(app).get('/users/alice').set('Authorization', `Bearer ${STAFF_TOKEN}`);

describe('errors from the use cases become RFC 9457 problems', () => {
  const domainCases: [DomainErrorCode, number, string][] = [
    ['invalid_username', 400, 'Bad Request'],
    ['invalid_password', 400, 'Bad Request'],
    ['invalid_pattern', 400, 'Bad Request'],
    ['invalid_time_zone', 400, 'Bad Request'],
    ['username_taken', 409, 'Conflict'],
    ['user_not_found', 404, 'Not Found'],
  ];

  it.each(domainCases)('DomainError %s is a %i problem', async (code, status, title) => {
    const res = await getUser(appThrowing(new DomainError(code, 'message from the domain')));
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toEqual({ type: 'about:blank', title, status, detail: expect.any(String) });
  });

  it('a PatternError is a 400 that quotes neither its message nor its directive', async () => {
    const res = await getUser(appThrowing(new PatternError('unknown directive %Q in "hunter%Q2"', '%Q')));
    expect(res.status).toBe(400);
    expect(res.text).not.toContain('%Q');
    expect(res.text).not.toContain('hunter');
  });

  it('unauthenticated is a 401 with a Bearer challenge', async () => {
    const res = await getUser(appThrowing(new AccessDenied('unauthenticated', 'expired')));
    expect(res.status).toBe(401);
    expect(res.headers['www-authenticate']).toBe('Bearer');
    expect(res.body).toMatchObject({ type: 'about:blank', title: 'Unauthorized', status: 401 });
  });

  it('forbidden is a 403 without a challenge', async () => {
    const res = await getUser(appThrowing(new AccessDenied('forbidden', 'staff only')));
    expect(res.status).toBe(403);
    expect(res.headers['www-authenticate']).toBeUndefined();
    expect(res.body).toMatchObject({ title: 'Forbidden', status: 403 });
  });

  it.each([
    ['EventStoreError', new EventStoreError('disk I/O error at /var/lib/dynpass.db')],
    ['WrongExpectedRevisionError', new WrongExpectedRevisionError('user-alice', 3n, 4n)],
    ['TypeError', new TypeError('cannot read properties of undefined')],
    ['a thrown string', 'boom'],
  ])('%s is a 500 with a generic detail, and is logged', async (_name, error) => {
    const lines: Record<string, unknown>[] = [];
    const res = await getUser(appThrowing(error, (line) => lines.push(line)));
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ type: 'about:blank', title: 'Internal Server Error', status: 500, detail: 'internal error' });
    expect(res.text).not.toMatch(/disk|user-alice|undefined|boom/);
    expect(lines.some((line) => line.level === 'error' && line.path === '/users/alice')).toBe(true);
  });

  it('logs an unexpected error without the request body', async () => {
    const lines: Record<string, unknown>[] = [];
    const fake = fakeUseCases({ registerUser: async () => Promise.reject(new Error('store unavailable')) });
    const res = await request(createHttpApp(fake.useCases, { log: (line) => lines.push(line) }))
      .post('/users')
      .set('Authorization', `Bearer ${STAFF_TOKEN}`)
      .send({ username: 'carol', password: 'Correct-Horse-7' });
    expect(res.status).toBe(500);
    const logged = JSON.stringify(lines);
    expect(logged).toContain('store unavailable');
    expect(logged).not.toContain('Correct-Horse-7');
    expect(logged).not.toContain(STAFF_TOKEN);
  });
});
