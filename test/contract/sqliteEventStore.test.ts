import { SqliteEventStore } from '../../src/infrastructure/sqlite/sqliteEventStore';
import { createTempDir } from '../support/tempDir';
import { describeEventStoreContract } from './eventStoreContract';

describeEventStoreContract('sqlite', async () => {
  const dir = createTempDir('dynpass-sqlite-contract-');
  const store = SqliteEventStore.open(dir.file('events.db'));
  return {
    store,
    cleanup: async () => {
      await store.close();
      dir.remove();
    },
  };
});
