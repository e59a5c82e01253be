import { administerUser } from '../../../src/application/commands/administerUser';
import { registerUser } from '../../../src/application/commands/registerUser';
import { LoginSubjects } from '../../../src/application/loginSubject';
import type { ReadStreamOptions } from '../../../src/application/ports/eventStore';
import { DEFAULT_LOCKOUT_RULE } from '../../../src/domain/lockout/lockout';
import { FixedClock } from '../../../src/infrastructure/clock/systemClock';
import { Argon2Hasher } from '../../../src/infrastructure/hashing/argon2Hasher';
import { MemoryEventStore } from '../../../src/infrastructure/memory/memoryEventStore';
import { HmacDigest } from '../../../src/infrastructure/tokens/hmacDigest';

/** A memory store that counts how many events each readStream returned. */
class CountingStore extends MemoryEventStore {
  eventsRead = 0;
  override async readStream(streamId: string, options?: ReadStreamOptions) {
    const events = await super.readStream(streamId, options);
    this.eventsRead += events.length;
    return events;
  }
}

describe('login subjects', () => {
  it('read only the events appended since the last attempt, and still see every change', async () => {
    const store = new CountingStore();
    const clock = new FixedClock(new Date('2022-09-29T08:01:00Z'));
    await registerUser({ store, hasher: new Argon2Hasher('test'), clock })({ username: 'alice', password: 'password-123', staff: false, actor: 'system' });
    const subjects = new LoginSubjects(store, new HmacDigest(Buffer.alloc(32, 1)), DEFAULT_LOCKOUT_RULE);

    expect((await subjects.load('alice')).user).toMatchObject({ status: 'active', staff: false });
    store.eventsRead = 0;
    expect((await subjects.load('ALICE')).revision).toBe(0n);
    expect(store.eventsRead).toBe(0);

    await administerUser({ store, clock })({ key: 'admin', staff: true }, 'alice', 'GrantStaff');
    store.eventsRead = 0;
    const after = await subjects.load('alice');
    expect(after.user).toMatchObject({ staff: true });
    expect(after.revision).toBe(1n);
    expect(store.eventsRead).toBe(1);
  });

  it('fold a name no user has under its digest, and notice when it is registered', async () => {
    const store = new MemoryEventStore();
    const clock = new FixedClock(new Date('2022-09-29T08:01:00Z'));
    const subjects = new LoginSubjects(store, new HmacDigest(Buffer.alloc(32, 1)), DEFAULT_LOCKOUT_RULE);
    const before = await subjects.load('bob');
    expect(before.streamId).toMatch(/^unknownlogin-/);
    await registerUser({ store, hasher: new Argon2Hasher('test'), clock })({ username: 'bob', password: 'password-123', staff: false, actor: 'system' });
    expect((await subjects.load('bob')).streamId).toBe('user-bob');
  });
});
