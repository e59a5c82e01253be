import { Readable } from 'node:stream';
import type { AllStreamResolvedEvent, Position } from '@eventstore/db-client';
import type { EsdbClient } from '../../../src/infrastructure/esdb/esdbEventStore';

/**
 * Stand-ins for the client's streams and records, shaped like @eventstore/db-client 6.2 returns
 * them, so the adapter's own logic (mapping, paging, resubscribing) runs without a server.
 */

export interface FakeRecord {
  readonly streamId: string;
  readonly id: string;
  readonly isJson: boolean;
  readonly revision: bigint;
  readonly type: string;
  readonly created: Date;
  readonly data: unknown;
  readonly metadata: unknown;
  readonly position: Position;
}

let ids = 0;

export function record(streamId: string, revision: bigint, at: bigint, overrides: Partial<FakeRecord> = {}): FakeRecord {
  ids += 1;
  return {
    streamId,
    id: `00000000-0000-4000-8000-${String(ids).padStart(12, '0')}`,
    isJson: true,
    revision,
    type: 'Tested',
    created: new Date('2024-05-06T07:08:09.010Z'),
    data: { at: Number(at) },
    metadata: { actor: 'tester', schemaVersion: 1 },
    position: { commit: at, prepare: at },
    ...overrides,
  };
}

/**
 * A readable of resolved events that yields `items`, then does what `rest` does: end when it
 * resolves, fail when it rejects (a dropped connection), or stay open while it is pending. Like the
 * client's streams, it can be destroyed at any time.
 */
export function resolvedStream(
  items: readonly FakeRecord[],
  rest: () => Promise<void> = async () => undefined,
): Readable & { unsubscribe(): Promise<void>; cancel(): Promise<void> } {
  const stream = new Readable({ objectMode: true, read: () => undefined });
  for (const item of items) stream.push({ event: item } as unknown as AllStreamResolvedEvent);
  rest().then(
    () => stream.push(null),
    (error: unknown) => stream.destroy(error as Error),
  );
  return Object.assign(stream, {
    unsubscribe: async () => undefined,
    cancel: async () => undefined,
  });
}

/** A readable that fails at once, as the client's streams do on a missing stream or a dead server. */
export function failingStream(error: Error): Readable & { unsubscribe(): Promise<void>; cancel(): Promise<void> } {
  return resolvedStream([], async () => {
    throw error;
  });
}

export type FakeClient = { [K in keyof EsdbClient]: jest.Mock };

export function fakeClient(): FakeClient & EsdbClient {
  const client = {
    appendToStream: jest.fn(),
    readStream: jest.fn(),
    readAll: jest.fn(),
    subscribeToAll: jest.fn(),
    dispose: jest.fn(async () => undefined),
  };
  return client as unknown as FakeClient & EsdbClient;
}
