import type { RecordedEvent } from '../../src/application/ports/eventStore';
import { of } from '../support/eventCollector';
import {
  expectIncreasingPositions, ids, markPosition, newEvents, newStreamId, readAllPages, type CurrentStore,
} from './contractSupport';

export function readAllCases(current: CurrentStore): void {
  describe('readAll', () => {
    it('orders the events of all streams by strictly increasing position, as appended', async () => {
      const mark = await markPosition(current());
      const [s1, s2, s3] = [newStreamId(), newStreamId(), newStreamId()];
      const [a, b, c, d, e] = newEvents(5);
      const results = [
        await current().append(s1, [a], 'no_stream'),
        await current().append(s2, [b, c], 'no_stream'),
        await current().append(s1, [d], 0n),
        await current().append(s3, [e], 'no_stream'),
      ];

      const ours = of(await current().readAll({ after: mark }), [s1, s2, s3]);

      expect(ids(ours)).toEqual(ids([a, b, c, d, e]));
      expect(ours[0]?.position).toBeGreaterThan(mark);
      expectIncreasingPositions(ours);
      const lastOfEachAppend = [ours[0], ours[2], ours[3], ours[4]] as RecordedEvent[];
      expect(lastOfEachAppend.map((event) => event.position)).toEqual(results.map((result) => result.position));
      expect(ours.map((event) => [event.streamId, event.revision])).toEqual([
        [s1, 0n], [s2, 0n], [s2, 1n], [s1, 1n], [s3, 0n],
      ]);
    });

    it('reads strictly after a position and at most limit events', async () => {
      const mark = await markPosition(current());
      const streamId = newStreamId();
      const events = newEvents(5);
      await current().append(streamId, events, 'no_stream');
      const stored = await current().readStream(streamId);
      const positionOf = (index: number): bigint => (stored[index] as RecordedEvent).position;

      expect(ids(await current().readAll({ after: mark, limit: 1 }))).toEqual(ids(events.slice(0, 1)));
      expect(ids(await current().readAll({ after: positionOf(1), limit: 2 }))).toEqual(ids(events.slice(2, 4)));
      expect(ids(await current().readAll({ after: positionOf(1) }))).toEqual(ids(events.slice(2)));
      expect(await current().readAll({ after: positionOf(4) })).toEqual([]);
    });

    it('reads from the beginning when no position is given', async () => {
      const streamId = newStreamId();
      const events = newEvents(3);
      await current().append(streamId, events, 'no_stream');

      const [first] = await current().readAll({ limit: 1 });
      const everything = await readAllPages(current());

      expect(first?.position).toBeGreaterThan(0n);
      expect(everything[0]).toEqual(first);
      expectIncreasingPositions(everything);
      expect(ids(of(everything, [streamId]))).toEqual(ids(events));
    });
  });
}
