import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { StartedTestContainer } from 'testcontainers';
import { WrongExpectedRevisionError, type EventStore, type RecordedEvent } from '../../src/application/ports/eventStore';
import { EsdbEventStore } from '../../src/infrastructure/esdb/esdbEventStore';
import { describeEventStoreContract } from './eventStoreContract';

/**
 * The contract against a real EventStoreDB: the server in EVENTSTORE_CONNECTION_STRING, else a
 * throwaway container (when a container runtime is present), else skipped with the reason printed.
 * Jest needs the decision while collecting tests, so the runtime check is synchronous and cheap.
 */
const IMAGE = 'eventstore/eventstore:24.10';
const CONTAINER_START_MS = 180_000;

const configured = process.env['EVENTSTORE_CONNECTION_STRING'] || undefined;
const runtimeMissing = configured === undefined ? missingContainerRuntime() : undefined;
const skipReason =
  runtimeMissing === undefined ? undefined : `no EVENTSTORE_CONNECTION_STRING and no container runtime (${runtimeMissing})`;

let connectionString = configured;
let container: StartedTestContainer | undefined;

if (configured === undefined && skipReason === undefined) {
  beforeAll(async () => {
    const { GenericContainer, Wait } = await import('testcontainers');
    container = await new GenericContainer(IMAGE)
      .withEnvironment({
        EVENTSTORE_INSECURE: 'true',
        EVENTSTORE_CLUSTER_SIZE: '1',
        EVENTSTORE_MEM_DB: 'true',
        EVENTSTORE_RUN_PROJECTIONS: 'None',
      })
      .withExposedPorts(2113)
      .withWaitStrategy(Wait.forHealthCheck())
      .withStartupTimeout(CONTAINER_START_MS)
      .start();
    connectionString = `esdb://${container.getHost()}:${container.getMappedPort(2113)}?tls=false`;
  }, CONTAINER_START_MS);
  afterAll(async () => {
    await container?.stop();
  });
}

describeEventStoreContract(
  'EventStoreDB',
  async () => {
    if (connectionString === undefined) throw new Error('no EventStoreDB connection string');
    // A fresh random prefix per case: the store sees only its own streams, even on a shared server.
    const prefix = `dp${randomBytes(6).toString('hex')}x`;
    const store = new EsdbEventStore(connectionString, { streamPrefixes: [prefix] });
    return { store: namespaced(store, prefix), cleanup: () => store.close() };
  },
  skipReason === undefined ? {} : { skipReason },
);

/**
 * The store as the cases see it: stream names without the prefix. Names the store must refuse
 * ('' and '$...') go through unchanged so that the store itself refuses them.
 */
function namespaced(store: EventStore, prefix: string): EventStore {
  const inner = (streamId: string): string => (streamId === '' || streamId.startsWith('$') ? streamId : prefix + streamId);
  const outer = (event: RecordedEvent): RecordedEvent => ({ ...event, streamId: event.streamId.slice(prefix.length) });
  const unprefixConflict = (error: unknown): never => {
    if (error instanceof WrongExpectedRevisionError) {
      throw new WrongExpectedRevisionError(error.streamId.slice(prefix.length), error.expected, error.actual);
    }
    throw error;
  };
  return {
    append: (streamId, events, expected) => store.append(inner(streamId), events, expected).catch(unprefixConflict),
    readStream: async (streamId) => (await store.readStream(inner(streamId))).map(outer),
    readAll: async (options) => (await store.readAll(options)).map(outer),
    subscribeToAll: (options) => store.subscribeToAll({ ...options, onEvent: (event) => options.onEvent(outer(event)) }),
    close: () => store.close(),
  };
}

/** Why testcontainers would find no runtime, or undefined when one looks present (not contacted here). */
function missingContainerRuntime(): string | undefined {
  if (process.env['DOCKER_HOST']) return undefined;
  const properties = join(homedir(), '.testcontainers.properties');
  if (existsSync(properties) && /^\s*docker\.host\s*=/m.test(readFileSync(properties, 'utf8'))) return undefined;
  const runtimeDir = process.env['XDG_RUNTIME_DIR'];
  const sockets = [
    '/var/run/docker.sock',
    join(homedir(), '.docker', 'run', 'docker.sock'),
    join(homedir(), '.docker', 'desktop', 'docker.sock'),
    ...(runtimeDir ? [join(runtimeDir, 'docker.sock'), join(runtimeDir, 'podman', 'podman.sock')] : []),
  ];
  if (process.platform === 'win32' || sockets.some((socket) => existsSync(socket))) return undefined;
  return `no DOCKER_HOST and no docker socket found at ${sockets.join(', ')}`;
}
