import { randomBytes } from 'node:crypto';
import { toNewEvents } from '../../src/application/decideAndAppend';
import type { UserEvent } from '../../src/domain/user/events';
import { SqliteReadModels } from '../../src/infrastructure/readModels/sqliteReadModels';
import type { CurrentStore } from './contractSupport';

const at = '2022-09-29T08:01:00.000Z';
const stamp = { at, actor: 'contract' };

export function projectionCases(current: CurrentStore): void {
  describe('projections', () => {
    it('apply each event exactly once, from concurrent catch-ups and the live subscription together', async () => {
      const store = current();
      const keys = [1, 2, 3].map((i) => `p${randomBytes(5).toString('hex')}${i}`);
      const history = (key: string): UserEvent[] => [
        { type: 'UserRegistered', data: { ...stamp, username: key, staff: false, passwordHash: 'not-a-real-hash' } },
        { type: 'StaffGranted', data: stamp },
        { type: 'StaffRevoked', data: stamp },
      ];
      for (const key of keys) await store.append(`user-${key}`, toNewEvents(history(key), 'contract'), 'no_stream');
      const readModels = new SqliteReadModels(store, ':memory:');
      try {
        readModels.start();
        await Promise.all([readModels.catchUp(), readModels.catchUp()]);
        const attempt: UserEvent = { type: 'LoginAttempted', data: { ...stamp, outcome: 'failed', reason: 'wrong_password', policy: 'static:global' } };
        await Promise.all(keys.map((key) => store.append(`user-${key}`, toNewEvents([attempt], 'contract'), 2n)));
        await Promise.all([readModels.catchUp(), readModels.catchUp()]);

        const audit = await readModels.queryAudit({ usernames: keys, limit: 100 });
        expect(audit).toHaveLength(12);
        expect(new Set(audit.map((entry) => entry.position)).size).toBe(12);
        for (const key of keys) expect(await readModels.getUser(key)).toMatchObject({ key, staff: false, active: true });
      } finally {
        await readModels.close();
      }
    });
  });
}
