import { WrongExpectedRevisionError, type EventStore } from '../../src/application/ports/eventStore';
import { expectConflict, ids, newEvent, newEvents, newStreamId, type CurrentStore, type TestEvent } from './contractSupport';

/** What a command handler does: read, append at the revision read, start over on a conflict. */
async function appendWithRetry(store: EventStore, streamId: string, event: TestEvent): Promise<void> {
  for (;;) {
    const events = await store.readStream(streamId);
    const last = events[events.length - 1];
    try {
      await store.append(streamId, [event], last === undefined ? 'no_stream' : last.revision);
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
    }
  }
}

export function concurrencyCases(current: CurrentStore): void {
  describe('expected revision', () => {
    it("refuses 'no_stream' on an existing stream, reporting its last revision, and writes nothing", async () => {
      const streamId = newStreamId();
      await current().append(streamId, newEvents(2), 'no_stream');

      await expectConflict(current().append(streamId, [newEvent()], 'no_stream'), {
        streamId, expected: 'no_stream', actual: 1n,
      });
      expect(await current().readStream(streamId)).toHaveLength(2);
    });

    it.each([0n, 5n])('refuses revision %p when the stream is at 1n, reporting 1n', async (expected) => {
      const streamId = newStreamId();
      await current().append(streamId, newEvents(2), 'no_stream');

      await expectConflict(current().append(streamId, [newEvent()], expected), { streamId, expected, actual: 1n });
      expect(await current().readStream(streamId)).toHaveLength(2);
    });

    it.each([0n, 'stream_exists' as const])("refuses %p on a missing stream, reporting 'no_stream'", async (expected) => {
      const streamId = newStreamId();

      await expectConflict(current().append(streamId, [newEvent()], expected), {
        streamId, expected, actual: 'no_stream',
      });
      expect(await current().readStream(streamId)).toEqual([]);
    });

    it("lets exactly one of 10 concurrent 'no_stream' appends to one stream win", async () => {
      const streamId = newStreamId();
      const attempts = newEvents(10);

      const outcomes = await Promise.allSettled(attempts.map((event) => current().append(streamId, [event], 'no_stream')));

      const winners = attempts.filter((_, index) => outcomes[index]?.status === 'fulfilled');
      expect(winners).toHaveLength(1);
      for (const outcome of outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected')) {
        expect(outcome.reason).toBeInstanceOf(WrongExpectedRevisionError);
        expect(outcome.reason).toMatchObject({ streamId, actual: 0n });
      }
      expect(ids(await current().readStream(streamId))).toEqual(ids(winners));
    });

    it('ends with exactly 100 events when 100 concurrent appenders retry on conflict', async () => {
      const streamId = newStreamId();
      const events = newEvents(100);

      await Promise.all(events.map((event) => appendWithRetry(current(), streamId, event)));

      const stored = await current().readStream(streamId);
      expect(stored.map((event) => event.revision)).toEqual(events.map((_, index) => BigInt(index)));
      expect(ids(stored).sort()).toEqual(ids(events).sort());
    }, 60_000);
  });

  describe('idempotent retries', () => {
    it('returns the first result and writes nothing when the same append is repeated', async () => {
      const streamId = newStreamId();
      const [a, b, c] = newEvents(3);
      const created = await current().append(streamId, [a, b], 'no_stream');
      const extended = await current().append(streamId, [c], 1n);

      expect(await current().append(streamId, [a, b], 'no_stream')).toEqual(created);
      expect(await current().append(streamId, [c], 1n)).toEqual(extended);
      expect(await current().append(streamId, [a, b], 'any')).toEqual(created);
      expect(ids(await current().readStream(streamId))).toEqual(ids([a, b, c]));
    });
  });
}
