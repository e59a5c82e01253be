import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Container } from 'inversify';
import type { EventStore } from '../../src/application/ports/eventStore';
import { FixedClock } from '../../src/infrastructure/clock/systemClock';
import { loadConfig } from '../../src/infrastructure/config';
import { createContainer } from '../../src/infrastructure/di/container';
import { TYPES } from '../../src/infrastructure/di/types';
import { createLogger } from '../../src/infrastructure/logger';
import { startService, type RunningService } from '../../src/interfaces/cli/service';

export const ADMIN = { username: 'admin', password: 'admin-password-1' };
export const SEED_INSTANT = new Date('2022-09-29T08:01:00Z');

export interface TestService {
  readonly url: string;
  readonly clock: FixedClock;
  readonly store: EventStore;
  readonly dir: string;
  readonly logs: string[];
  readonly service: RunningService;
  /** Stops the service, keeping its files. */
  stop(): Promise<void>;
  /** Stops it and removes its files. */
  close(): Promise<void>;
}

/**
 * The real service (composition root, SQLite file in a temp folder, HTTP on 127.0.0.1 on a free
 * port) with the clock rebound to a fixed one. `rebind` may replace further bindings (a counting
 * hasher, say) before anything is resolved.
 */
export async function startTestService(
  env: Record<string, string> = {},
  dir = mkdtempSync(join(tmpdir(), 'dynpass-')),
  rebind: (container: Container) => void = () => undefined,
): Promise<TestService> {
  const config = loadConfig({
    DYNPASS_EVENT_STORE: `sqlite:${join(dir, 'dynpass.db')}`,
    DYNPASS_HASH_COST: 'test',
    DYNPASS_ADMIN_USERNAME: ADMIN.username,
    DYNPASS_ADMIN_PASSWORD: ADMIN.password,
    PORT: '0',
    ...env,
  });
  const container = createContainer(config);
  const clock = new FixedClock(SEED_INSTANT);
  container.rebind(TYPES.Clock).toConstantValue(clock);
  rebind(container);
  const logs: string[] = [];
  const service = await startService(config, createLogger('debug', (line) => logs.push(line)), container);
  let stopped = false;
  const stop = async () => {
    if (!stopped) await service.close();
    stopped = true;
  };
  return {
    url: `http://127.0.0.1:${service.port}`,
    clock,
    store: container.get<EventStore>(TYPES.EventStore),
    dir,
    logs,
    service,
    stop,
    close: async () => {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
