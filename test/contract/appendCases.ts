import { metadata, newEvent, newEvents, newStreamId, ids, expectIncreasingPositions, type CurrentStore } from './contractSupport';

export function appendCases(current: CurrentStore): void {
  describe('append and readStream', () => {
    it('reads back ids, types, data, metadata and revisions 0..n-1, in order', async () => {
      const streamId = newStreamId();
      const events = [
        newEvent({ text: 'héllo ✓', count: 3, ok: true, none: null, list: [1, 'two', { three: 3 }] }, 'First'),
        {
          ...newEvent({ nested: { at: '2024-01-02T03:04:05.000Z' } }, 'Second'),
          metadata: { actor: 'alice', correlationId: 'corr-1', causationId: 'cause-1', schemaVersion: 2 },
        },
        newEvent({ amount: -1.5 }, 'Third'),
      ];

      const result = await current().append(streamId, events, 'no_stream');
      const read = await current().readStream(streamId);

      expect(read.map(({ id, streamId: stream, revision, type, data, metadata: meta }) =>
        ({ id, streamId: stream, revision, type, data, metadata: meta }))).toEqual(
        events.map((event, index) => ({
          id: event.id, streamId, revision: BigInt(index), type: event.type, data: event.data, metadata: event.metadata,
        })),
      );
      expectIncreasingPositions(read);
      expect(result).toEqual({ nextExpectedRevision: 2n, position: read[2]?.position });
      for (const event of read) expect(new Date(event.recordedAt).toISOString()).toBe(event.recordedAt);
    });

    it('gives an event appended without an id a UUID of its own', async () => {
      const streamId = newStreamId();
      await current().append(streamId, [{ type: 'NoId', data: {}, metadata }, { type: 'NoId', data: {}, metadata }], 'any');

      const [first, second] = await current().readStream(streamId);

      expect(first?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
      expect(second?.id).not.toBe(first?.id);
    });

    it('reads a stream from a revision on: the tail, or [] past the end', async () => {
      const streamId = newStreamId();
      await current().append(streamId, newEvents(4), 'no_stream');

      expect((await current().readStream(streamId, { fromRevision: 2n })).map((event) => event.revision)).toEqual([2n, 3n]);
      expect((await current().readStream(streamId, { fromRevision: 0n })).map((event) => event.revision)).toEqual([0n, 1n, 2n, 3n]);
      expect(await current().readStream(streamId, { fromRevision: 4n })).toEqual([]);
      await expect(current().readStream(streamId, { fromRevision: -1n })).rejects.toThrow(TypeError);
    });

    it('reads a stream that does not exist as []', async () => {
      expect(await current().readStream(newStreamId())).toEqual([]);
    });

    it('continues revisions where the previous append ended', async () => {
      const streamId = newStreamId();
      const events = newEvents(3);
      await current().append(streamId, events.slice(0, 2), 'no_stream');

      const result = await current().append(streamId, events.slice(2), 1n);

      expect(result.nextExpectedRevision).toBe(2n);
      const read = await current().readStream(streamId);
      expect(read.map((event) => event.revision)).toEqual([0n, 1n, 2n]);
      expect(ids(read)).toEqual(ids(events));
    });

    it("appends with 'any' to a new or existing stream and with 'stream_exists' to an existing one", async () => {
      const streamId = newStreamId();
      await current().append(streamId, [newEvent()], 'any');
      await current().append(streamId, [newEvent()], 'any');

      const result = await current().append(streamId, [newEvent()], 'stream_exists');

      expect(result.nextExpectedRevision).toBe(2n);
    });

    it('shares no object with the caller, neither appended nor returned', async () => {
      const streamId = newStreamId();
      const data = { list: [1], inner: { value: 'a' } };
      await current().append(streamId, [newEvent(data)], 'no_stream');
      data.list.push(2);
      data.inner.value = 'changed by caller';
      const [read] = await current().readStream(streamId);
      (read?.data['inner'] as { value: string }).value = 'changed by reader';

      const [again] = await current().readStream(streamId);

      expect(again?.data).toEqual({ list: [1], inner: { value: 'a' } });
    });

    it('rejects an empty append and writes nothing', async () => {
      const streamId = newStreamId();

      await expect(current().append(streamId, [], 'any')).rejects.toThrow(TypeError);

      expect(await current().readStream(streamId)).toEqual([]);
    });

    it.each([
      ['at the top level', { amount: 1n }],
      ['nested in an array', { list: [1, { amount: 2n }] }],
    ])('rejects a bigint %s of data, writing nothing of the append', async (_where, data) => {
      const streamId = newStreamId();

      const append = current().append(streamId, [newEvent(), newEvent(data)], 'any');

      await expect(append).rejects.toThrow(TypeError);
      await expect(append).rejects.toThrow(/bigint/i);

      expect(await current().readStream(streamId)).toEqual([]);
    });

    it.each([
      ['a Date', new Date(0)],
      ['NaN', Number.NaN],
      ['a function', () => 1],
      ['a Map', new Map([['a', 1]])],
      ['undefined in an array', [undefined]],
    ])('rejects %s in data, which JSON would silently change, and writes nothing', async (_what, value) => {
      const streamId = newStreamId();

      await expect(current().append(streamId, [newEvent({ value })], 'any')).rejects.toThrow(TypeError);

      expect(await current().readStream(streamId)).toEqual([]);
    });
  });
}
