import { administerUser } from '../../../src/application/commands/administerUser';
import { attemptLogin } from '../../../src/application/commands/attemptLogin';
import { enableDynamicPassword } from '../../../src/application/commands/enableDynamicPassword';
import { registerUser } from '../../../src/application/commands/registerUser';
import { userStream, unknownLoginStream } from '../../../src/application/streams';
import { parsePattern } from '../../../src/domain/dynamicPassword/pattern';
import { DEFAULT_LOCKOUT_RULE } from '../../../src/domain/lockout/lockout';
import { FixedClock } from '../../../src/infrastructure/clock/systemClock';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore';
import { HmacDigest } from '../../../src/infrastructure/tokens/hmacDigest';
import { HmacTokenService } from '../../../src/infrastructure/tokens/hmacTokens';
import { CountingHasher } from '../../support/countingHasher';
import { dumpStore } from '../../support/dump';

const PASSWORD = 's3kr3t-password';
const admin = { key: 'admin', staff: true };

async function setUp(pattern = '<PASSWORD>%d', onlyStaff = false) {
  const store = new MemoryEventStore();
  const clock = new FixedClock(new Date('2022-09-29T08:01:00Z'));
  const hasher = new CountingHasher();
  const digest = new HmacDigest(Buffer.alloc(32, 7));
  const tokens = new HmacTokenService(Buffer.alloc(32, 9), 900);
  const rule = { pattern: parsePattern(pattern), timeZone: 'UTC', onlyStaff, users: null, graceSeconds: 10 };
  const login = attemptLogin({ store, hasher, clock, tokens, digest, rule, lockout: DEFAULT_LOCKOUT_RULE, singleUse: false });
  await registerUser({ store, hasher, clock })({ username: 'alice', password: PASSWORD, staff: false, actor: 'system' });
  const attempts = async (key = 'alice') =>
    (await store.readStream(userStream(key))).filter((event) => event.type === 'LoginAttempted').map((event) => event.data);
  hasher.verifications = 0;
  return { store, clock, hasher, login, attempts, digest, rule };
}

describe('attempting a login', () => {
  it('succeeds with the dynamic form and records the attempt without the typed text', async () => {
    const { login, attempts, store } = await setUp();
    const result = await login({ username: 'alice', password: `${PASSWORD}29`, ip: '127.0.0.1' });
    expect(result).toMatchObject({ ok: true, user: { username: 'alice', staff: false } });
    expect(await attempts()).toEqual([expect.objectContaining({ outcome: 'succeeded', ip: '127.0.0.1', policy: expect.stringMatching(/^dynamic:global:/) })]);
    const stored = await dumpStore(store);
    expect(stored).not.toContain(PASSWORD);
  });

  it('runs exactly one slow hash on every path', async () => {
    const { login, hasher, store, clock } = await setUp();
    await administerUser({ store, clock })(admin, 'alice', 'DeactivateUser');
    const paths = [
      { username: 'nobody', password: `${PASSWORD}29` },
      { username: 'bad name!', password: 'x' },
      { username: 'alice', password: `${PASSWORD}29` },
      { username: 'alice', password: '' },
    ];
    for (const input of paths) {
      hasher.verifications = 0;
      expect(await login(input)).toEqual({ ok: false });
      expect(hasher.verifications).toBe(1);
    }
  });

  it.each([
    ['a wrong password', 'wrong-password29', 'wrong_password'],
    ['a wrong time part', `${PASSWORD}28`, 'pattern_mismatch'],
    ['the static password alone', PASSWORD, 'static_password_without_pattern'],
    ['trailing text after the dynamic form', `${PASSWORD}29anything`, 'pattern_mismatch'],
  ])('fails on %s with one hash and reason %s', async (_label, typed, reason) => {
    const { login, hasher, attempts } = await setUp();
    expect(await login({ username: 'alice', password: typed })).toEqual({ ok: false });
    expect(hasher.verifications).toBe(1);
    expect(await attempts()).toEqual([expect.objectContaining({ outcome: 'failed', reason })]);
  });

  it('records attempts on unknown names under a keyed digest, never the typed name', async () => {
    const { login, store, digest } = await setUp();
    await login({ username: 'MyPassword123', password: 'x' });
    const events = await store.readStream(unknownLoginStream(digest.digest('mypassword123')));
    expect(events).toHaveLength(1);
    expect(events[0].data).toMatchObject({ reason: 'unknown_user', usernameDigest: digest.digest('mypassword123') });
    expect(await dumpStore(store)).not.toMatch(/mypassword123/i);
  });

  it('follows the injected clock: the password of 08:xx stops working after the grace period', async () => {
    const { login, clock } = await setUp('%d<PASSWORD>%H');
    expect((await login({ username: 'alice', password: `29${PASSWORD}08` })).ok).toBe(true);
    clock.set(new Date('2022-09-29T09:00:05Z'));
    expect((await login({ username: 'alice', password: `29${PASSWORD}08` })).ok).toBe(true);
    clock.set(new Date('2022-09-29T09:00:11Z'));
    expect((await login({ username: 'alice', password: `29${PASSWORD}08` })).ok).toBe(false);
    expect((await login({ username: 'alice', password: `29${PASSWORD}09` })).ok).toBe(true);
  });

  it("uses the user's own pattern and time zone once enabled", async () => {
    const { login, store, clock, rule } = await setUp('<PASSWORD>');
    expect((await login({ username: 'alice', password: PASSWORD })).ok).toBe(true);
    await enableDynamicPassword({ store, clock, rule })(admin, 'alice', { pattern: '%H<PASSWORD>', timeZone: 'Asia/Tokyo' });
    expect((await login({ username: 'alice', password: PASSWORD })).ok).toBe(false);
    expect((await login({ username: 'alice', password: `17${PASSWORD}` })).ok).toBe(true);
  });

  it('refuses an own pattern without a time part, and enabling with none when the global one has none', async () => {
    const { store, clock, rule } = await setUp('<PASSWORD>');
    const enable = enableDynamicPassword({ store, clock, rule });
    await expect(enable(admin, 'alice', { pattern: 'Extra<PASSWORD>' })).rejects.toMatchObject({ code: 'pattern_without_time_part' });
    await expect(enable(admin, 'alice', {})).rejects.toMatchObject({ code: 'pattern_without_time_part' });
    expect((await store.readStream('user-alice')).map((event) => event.type)).toEqual(['UserRegistered']);
  });

  it('records every one of 200 concurrent attempts on one user', async () => {
    const { login, attempts } = await setUp();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => login({ username: 'alice', password: i % 2 ? `${PASSWORD}29` : 'wrong' })),
    );
    expect(results.filter((result) => result.ok)).toHaveLength(100);
    expect(await attempts()).toHaveLength(200);
  });
});
