import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { call, type Reply } from '../support/http';
import { ADMIN, startTestService, type TestService } from '../support/testService';

/*
 * Distinctive strings, mixed case, with characters a URL must escape, and no quotes or backslashes
 * (so JSON-escaped text is the same bytes). The service's fixed clock says 2022-09-29T08:01Z.
 */
const ALICE_STATIC = 'Kv7#static-Qm42-Orchid';
const ALICE_NEW_STATIC = 'Pw9!second-Lt58-Heron';
const CAROL_STATIC = 'Cz3$carol-Jr61-Maple';
const CAROL_NEW_STATIC = 'Hb2&carol-Wn74-Cedar';
/** Alice's own pattern; literal letters around it so its text cannot occur by accident. */
const ALICE_PATTERN = 'Zx%d<PASSWORD>%H';
/** The global pattern, applied to carol only. */
const GLOBAL_PATTERN = '<PASSWORD>%m~Gq';
const aliceTyped = (password: string, day = '29', hour = '08') => `Zx${day}${password}${hour}`;
const carolTyped = (password: string, month = '09') => `${password}${month}~Gq`;

const STATIC_PASSWORDS = [ADMIN.password, ALICE_STATIC, ALICE_NEW_STATIC, CAROL_STATIC, CAROL_NEW_STATIC];
const TYPED = [
  aliceTyped(ALICE_STATIC), aliceTyped(ALICE_STATIC, '29', '09'), aliceTyped(ALICE_STATIC, '28'), aliceTyped(ALICE_NEW_STATIC),
  carolTyped(CAROL_STATIC), carolTyped(CAROL_STATIC, '10'), carolTyped(CAROL_NEW_STATIC),
];
const PATTERNS = [ALICE_PATTERN, GLOBAL_PATTERN];

/** Each text as typed, lower-cased (usernames are case-folded) and percent-encoded (as in a URL). */
const variants = (texts: readonly string[]) =>
  [...new Set(texts.flatMap((text) => [text, text.toLowerCase()]).flatMap((text) => [text, encodeURIComponent(text)]))];
const found = (haystack: string | Buffer, needles: readonly string[]) => variants(needles).filter((needle) => haystack.includes(needle));

function storeFiles(dir: string): Buffer {
  const names = readdirSync(dir).filter((name) => /\.db(-wal)?$/.test(name));
  return Buffer.concat(names.map((name) => readFileSync(join(dir, name))));
}

describe('secrets never leak (logs at debug, responses, the event store file)', () => {
  let svc: TestService;
  const replies: Reply[] = [];
  const send = async (...args: Parameters<typeof call>): Promise<Reply> => {
    const reply = await call(...args);
    replies.push(reply);
    return reply;
  };
  const login = (username: string, password: string) => send(svc.url, 'POST', '/auth/login', { json: { username, password } });

  beforeAll(async () => {
    svc = await startTestService({ DYNAMIC_PASSWORD_PATTERN: GLOBAL_PATTERN, DYNAMIC_PASSWORD_USERS: 'carol' });
  });
  afterAll(async () => svc.close());

  async function runScenario(): Promise<void> {
    const admin = (await login(ADMIN.username, ADMIN.password)).body.token as string;
    expect((await send(svc.url, 'POST', '/users', { token: admin, json: { username: 'alice', password: ALICE_STATIC } })).status).toBe(201);
    expect((await send(svc.url, 'POST', '/users', { token: admin, json: { username: 'carol', password: CAROL_STATIC } })).status).toBe(201);
    expect((await send(svc.url, 'PUT', '/users/alice/dynamic-password', { token: admin, json: { pattern: ALICE_PATTERN, timeZone: 'UTC' } })).status).toBe(204);

    // Wrong forms first (below any lockout threshold), then the right one.
    for (const wrong of [ALICE_STATIC, aliceTyped(ALICE_STATIC, '29', '09'), aliceTyped(ALICE_STATIC, '28')]) expect((await login('alice', wrong)).status).toBe(401);
    const alice = await login('alice', aliceTyped(ALICE_STATIC));
    expect(alice.status).toBe(200);
    expect((await login('carol', CAROL_STATIC)).status).toBe(401);
    expect((await login('carol', carolTyped(CAROL_STATIC, '10'))).status).toBe(401);
    expect((await login('carol', carolTyped(CAROL_STATIC))).status).toBe(200);

    // Unknown users, and secrets typed into the username field.
    expect((await login('nobody', aliceTyped(ALICE_STATIC))).status).toBe(401);
    expect((await login(ALICE_STATIC, 'whatever-1')).status).toBe(401);
    expect((await login(aliceTyped(ALICE_STATIC), ALICE_STATIC)).status).toBe(401);
    expect((await login(carolTyped(CAROL_STATIC), CAROL_STATIC)).status).toBe(401);

    // Password changes: alice her own, admin carol's.
    expect((await send(svc.url, 'PUT', '/users/alice/password', { token: alice.body.token, json: { password: ALICE_NEW_STATIC, currentPassword: aliceTyped(ALICE_STATIC) } })).status).toBe(204);
    expect((await send(svc.url, 'PUT', '/users/carol/password', { token: admin, json: { password: CAROL_NEW_STATIC } })).status).toBe(204);
    expect((await login('alice', aliceTyped(ALICE_STATIC))).status).toBe(401);
    expect((await login('alice', aliceTyped(ALICE_NEW_STATIC))).status).toBe(200);
    expect((await login('carol', carolTyped(CAROL_NEW_STATIC))).status).toBe(200);

    // Refusals whose requests carry secrets: none may be echoed.
    expect((await send(svc.url, 'POST', '/users', { token: admin, json: { username: 'dave', password: `${ALICE_STATIC}\u0000` } })).status).toBe(400);
    expect((await send(svc.url, 'POST', '/users', { token: admin, raw: `{"username":"dave","password":"${ALICE_STATIC}",` })).status).toBe(400);
    expect((await send(svc.url, 'PUT', '/users/alice/password', { token: admin, json: { password: ALICE_NEW_STATIC.repeat(10) } })).status).toBe(400);
    expect((await send(svc.url, 'PUT', '/users/alice/dynamic-password', { token: admin, json: { pattern: `${ALICE_PATTERN}%s` } })).status).toBe(400);
    expect((await send(svc.url, 'PUT', '/users/alice/dynamic-password', { token: admin, json: { pattern: `${GLOBAL_PATTERN}<PASSWORD>` } })).status).toBe(400);

    // Reads.
    for (const path of ['/users', '/users/alice', '/users/carol', '/audit', '/audit?username=alice', '/audit?type=LoginAttempted&outcome=failed', '/alerts']) {
      expect((await send(svc.url, 'GET', path, { token: admin })).status).toBe(200);
    }
    expect((await send(svc.url, 'GET', `/audit?username=${encodeURIComponent(ALICE_STATIC)}`, { token: admin })).status).toBe(200);
  }

  it('finds none of the static passwords, typed texts or patterns in logs, responses or stored events', async () => {
    await runScenario();

    const logs = svc.logs.join('');
    expect(logs).toContain('"path":"/auth/login"'); // the logs were captured
    expect(found(logs, [...STATIC_PASSWORDS, ...TYPED, ...PATTERNS])).toEqual([]);

    const responses = replies.map((reply) => `${reply.status}\n${[...reply.headers].map(([name, value]) => `${name}: ${value}`).join('\n')}\n\n${reply.text}`).join('\n');
    expect(responses).toContain('"username":"alice"'); // the responses were recorded
    expect(found(responses, [...STATIC_PASSWORDS, ...TYPED, ...PATTERNS])).toEqual([]);

    // Searched while running (recent events sit in the -wal file), then after a clean stop.
    const running = storeFiles(svc.dir);
    expect(running.includes(ALICE_PATTERN)).toBe(true); // allowed in DynamicPasswordEnabled: proves the search reaches the events
    expect(running.includes('"reason":"static_password_without_pattern"')).toBe(true);
    expect(found(running, [...STATIC_PASSWORDS, ...TYPED])).toEqual([]);
    await svc.stop();
    const stopped = storeFiles(svc.dir);
    expect(stopped.includes(ALICE_PATTERN)).toBe(true);
    expect(found(stopped, [...STATIC_PASSWORDS, ...TYPED])).toEqual([]);
  });

});
