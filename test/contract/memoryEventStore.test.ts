import { MemoryEventStore } from '../../src/infrastructure/memory/memoryEventStore';
import { describeEventStoreContract } from './eventStoreContract';

describeEventStoreContract('memory', async () => {
  const store = new MemoryEventStore();
  return { store, cleanup: () => store.close() };
});
