import type { RecordedEvent, Subscription } from '../../src/application/ports/eventStore';
import { deferred, settle } from '../support/deferred';
import { EventCollector } from '../support/eventCollector';
import { expectIncreasingPositions, ids, markPosition, newEvent, newEvents, newStreamId, type CurrentStore } from './contractSupport';

const WAIT = 15_000;

export function subscriptionCases(current: CurrentStore): void {
  describe('subscribeToAll', () => {
    it('delivers past events, then live ones, one at a time in position order', async () => {
      const mark = await markPosition(current());
      const streamId = newStreamId();
      const events = newEvents(6);
      await current().append(streamId, events.slice(0, 3), 'no_stream');
      const collector = new EventCollector();

      const subscription = current().subscribeToAll({ after: mark, onEvent: collector.onEvent });
      await collector.untilCount([streamId], 3);
      for (const [index, event] of events.entries()) {
        if (index < 3) continue;
        await settle();
        await current().append(streamId, [event], BigInt(index - 1));
        await collector.untilCount([streamId], index + 1);
      }
      await subscription.stop();

      expect(ids(collector.of([streamId]))).toEqual(ids(events));
      expect(collector.events[0]?.position).toBeGreaterThan(mark);
      expectIncreasingPositions(collector.events);
      expect(collector.overlapped).toBe(false);
    }, WAIT);

    it('resumes after the last delivered position with no gap and no duplicate', async () => {
      const mark = await markPosition(current());
      const streamId = newStreamId();
      const events = newEvents(7);
      await current().append(streamId, events.slice(0, 5), 'no_stream');
      const stopped = deferred<Promise<void>>();
      let first: Subscription | undefined;
      const firstCollector = new EventCollector(() => {
        // Stop from inside the third handler: not awaited here, it waits for this very handler.
        if (firstCollector.of([streamId]).length === 3) stopped.resolve((first as Subscription).stop());
      });

      first = current().subscribeToAll({ after: mark, onEvent: firstCollector.onEvent });
      await (await stopped.promise);
      const deliveredBeforeStop = firstCollector.events.length;
      await current().append(streamId, events.slice(5), 4n);
      const resumeAfter = (firstCollector.events[firstCollector.events.length - 1] as RecordedEvent).position;
      const secondCollector = new EventCollector();
      const second = current().subscribeToAll({ after: resumeAfter, onEvent: secondCollector.onEvent });
      await secondCollector.untilCount([streamId], 4);
      await second.stop();

      expect(firstCollector.events).toHaveLength(deliveredBeforeStop);
      expect(ids(firstCollector.of([streamId]))).toEqual(ids(events.slice(0, 3)));
      const delivered = [...firstCollector.events, ...secondCollector.events];
      expectIncreasingPositions(delivered);
      expect(ids(delivered.filter((event) => event.streamId === streamId))).toEqual(ids(events));
    }, WAIT);

    it('delivers an event appended after it has caught up', async () => {
      const mark = await markPosition(current());
      const streamId = newStreamId();
      const collector = new EventCollector();
      const subscription = current().subscribeToAll({ after: mark, onEvent: collector.onEvent });
      await settle();

      const event = newEvent();
      await current().append(streamId, [event], 'no_stream');
      await collector.untilCount([streamId], 1);
      await subscription.stop();

      expect(ids(collector.of([streamId]))).toEqual([event.id]);
    }, WAIT);

    it('resolves stop() only once the running handler has finished, and delivers nothing after', async () => {
      const mark = await markPosition(current());
      const streamId = newStreamId();
      await current().append(streamId, newEvents(2), 'no_stream');
      const entered = deferred();
      const release = deferred();
      const log: string[] = [];
      const collector = new EventCollector(async (event) => {
        if (event.streamId !== streamId) return;
        entered.resolve();
        await release.promise;
        log.push('handler finished');
      });
      const subscription = current().subscribeToAll({ after: mark, onEvent: collector.onEvent });
      await entered.promise;

      const stopping = subscription.stop().then(() => log.push('stopped'));
      await settle();
      release.resolve();
      await stopping;

      expect(log).toEqual(['handler finished', 'stopped']);
      expect(collector.of([streamId])).toHaveLength(1);
    }, WAIT);

    it('stops when a handler throws and reports that error through onError', async () => {
      const mark = await markPosition(current());
      const streamId = newStreamId();
      await current().append(streamId, newEvents(2), 'no_stream');
      const failure = new Error('handler failed');
      const reported = deferred<Error>();
      let calls = 0;

      const subscription = current().subscribeToAll({
        after: mark,
        onEvent: async (event) => {
          if (event.streamId !== streamId) return;
          calls += 1;
          throw failure;
        },
        onError: reported.resolve,
      });

      expect(await reported.promise).toBe(failure);
      await subscription.stop();
      expect(calls).toBe(1);
    }, WAIT);
  });
}
