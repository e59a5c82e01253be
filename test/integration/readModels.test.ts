import { SqliteReadModels } from '../../src/infrastructure/readModels/sqliteReadModels';
import { SqliteEventStore } from '../../src/infrastructure/sqlite/sqliteEventStore';
import { registerUser } from '../../src/application/commands/registerUser';
import { administerUser } from '../../src/application/commands/administerUser';
import { FixedClock } from '../../src/infrastructure/clock/systemClock';
import { Argon2Hasher } from '../../src/infrastructure/hashing/argon2Hasher';
import { createTempDir, type TempDir } from '../support/tempDir';

describe('SQLite read models', () => {
  let dir: TempDir;
  let store: SqliteEventStore;
  const opened: SqliteReadModels[] = [];
  const open = () => {
    const readModels = new SqliteReadModels(store, dir.file('dynpass.db'));
    opened.push(readModels);
    return readModels;
  };

  beforeEach(async () => {
    dir = createTempDir();
    store = SqliteEventStore.open(dir.file('dynpass.db'));
    const clock = new FixedClock(new Date('2022-09-29T08:01:00Z'));
    const register = registerUser({ store, hasher: new Argon2Hasher('test'), clock });
    for (const username of ['alice', 'bob', 'carol']) await register({ username, password: 'password-123', staff: false, actor: 'system' });
    await administerUser({ store, clock })({ key: 'admin', staff: true }, 'bob', 'GrantStaff');
  });
  afterEach(async () => {
    for (const readModels of opened.splice(0)) await readModels.close();
    await store.close();
    dir.remove();
  });

  const snapshot = async (readModels: SqliteReadModels) => ({
    users: await readModels.listUsers(),
    audit: await readModels.queryAudit({ limit: 1000 }),
  });

  it('apply each event once, however often and from however many places they catch up', async () => {
    const first = open();
    await Promise.all([first.catchUp(), first.catchUp()]);
    const once = await snapshot(first);
    const second = open();
    await second.catchUp();
    await first.catchUp();
    expect(await snapshot(first)).toEqual(once);
    expect(once.audit).toHaveLength(4);
    expect(once.users.map((user) => [user.username, user.staff])).toEqual([['alice', false], ['bob', true], ['carol', false]]);
  });

  it('rebuild from zero to the same documents', async () => {
    const readModels = open();
    await readModels.catchUp();
    const before = await snapshot(readModels);
    await readModels.rebuild();
    expect(await snapshot(readModels)).toEqual(before);
  });

  it('follow the store live through the subscription, without a query', async () => {
    const readModels = open();
    await readModels.catchUp();
    readModels.start();
    const clock = new FixedClock(new Date('2022-09-29T09:00:00Z'));
    await administerUser({ store, clock })({ key: 'admin', staff: true }, 'carol', 'DeactivateUser');
    // The local append wakes the subscription at once; give the event loop a bounded number of turns.
    for (let i = 0; i < 200 && (await readModels.getUser('carol'))?.active !== false; i++) await new Promise((resolve) => setImmediate(resolve));
    expect((await readModels.getUser('carol'))?.active).toBe(false);
  });
});
