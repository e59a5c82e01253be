import { STATUS_CODES, type Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { Container } from 'inversify';
import { randomBytes } from 'node:crypto';
import { bootstrapAdmin } from '../../application/commands/bootstrapAdmin';
import { registerUser } from '../../application/commands/registerUser';
import type { Clock } from '../../application/ports/clock';
import type { EventStore } from '../../application/ports/eventStore';
import type { UseCases } from '../../application/useCases';
import type { Config } from '../../infrastructure/config';
import { createContainer } from '../../infrastructure/di/container';
import { TYPES } from '../../infrastructure/di/types';
import type { Logger } from '../../infrastructure/logger';
import type { SqliteReadModels } from '../../infrastructure/readModels/sqliteReadModels';
import { createHttpApp } from '../http/app';

export interface RunningService {
  readonly server: Server;
  readonly port: number;
  close(): Promise<void>;
}

/** Starts the whole service: store, projections, the first admin on an empty store, HTTP. */
export async function startService(config: Config, logger: Logger, container: Container = createContainer(config)): Promise<RunningService> {
  const store = container.get<EventStore>(TYPES.EventStore);
  const readModels = container.get<SqliteReadModels>(TYPES.ReadModels);
  const clock = container.get<Clock>(TYPES.Clock);
  await ensureAdmin(container, config, logger);
  readModels.start();
  const app = createHttpApp(container.get<UseCases>(TYPES.UseCases), {
    trustProxy: [...config.trustedProxies],
    log: (line) => logger.info('http', line),
    loginRatePerMinute: config.loginRatePerMinute,
    now: () => clock.now(),
  });
  const server = await new Promise<Server>((resolve, reject) => {
    const listening = app.listen(config.port, config.host, (error?: Error) => (error ? reject(error) : resolve(listening)));
  });
  server.on('clientError', answerUnparsableRequest);
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : config.port;
  logger.info('listening', { host: config.host, port, eventStore: config.eventStore.kind });
  return {
    server,
    port,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await readModels.close();
      await store.close();
    },
  };
}

async function ensureAdmin(container: Container, config: Config, logger: Logger): Promise<void> {
  const generated = config.admin === null;
  const admin = config.admin ?? { username: 'admin', password: randomBytes(18).toString('base64url') };
  const register = registerUser({ store: container.get(TYPES.EventStore), hasher: container.get(TYPES.PasswordHasher), clock: container.get(TYPES.Clock) });
  const result = await bootstrapAdmin({ readModels: container.get(TYPES.ReadModels), register }, admin);
  if (result === 'existing_users' && !generated) {
    logger.warn('DYNPASS_ADMIN_USERNAME and DYNPASS_ADMIN_PASSWORD ignored: the store already has users');
  }
  if (result !== 'created') return;
  logger.info('created the first staff user', { username: admin.username });
  // Shown once, on the operator's terminal, never through the logger.
  if (generated) process.stderr.write(`dynpass: first staff user "admin" created with password: ${admin.password}\n`);
}

/** Requests Node's parser refuses never reach express; they still get a problem document. */
function answerUnparsableRequest(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
  const body = JSON.stringify({ type: 'about:blank', title: STATUS_CODES[status], status, detail: 'the request could not be parsed' });
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/problem+json; charset=utf-8\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}
