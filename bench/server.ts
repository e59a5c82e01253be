/**
 * The service as a child process for the login benchmarks: the production composition
 * (createContainer + startService, the same threadpool sizing as `dynpass serve`), with only the
 * clock rebound to a FixedClock at BENCH_CLOCK, so time windows cannot roll over mid-run. The
 * parent talks over IPC: it gets `{ port }`, and sends 'stop' (or disconnects) to end it.
 */
import '../src/interfaces/cli/threadpool';
import 'reflect-metadata';
import { FixedClock } from '../src/infrastructure/clock/systemClock';
import { loadConfig } from '../src/infrastructure/config';
import { createContainer } from '../src/infrastructure/di/container';
import { TYPES } from '../src/infrastructure/di/types';
import { createLogger, type LogLevel } from '../src/infrastructure/logger';
import { startService } from '../src/interfaces/cli/service';

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const container = createContainer(config);
  const at = process.env.BENCH_CLOCK;
  if (at) container.rebind(TYPES.Clock).toConstantValue(new FixedClock(new Date(at)));
  const service = await startService(config, createLogger((process.env.DYNPASS_LOG_LEVEL ?? 'warn') as LogLevel), container);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void service.close().then(() => process.exit(0));
  };
  process.on('message', (message) => message === 'stop' && stop());
  process.once('disconnect', stop);
  process.once('SIGTERM', stop);
  if (process.send) process.send({ port: service.port });
  else process.stdout.write(`listening on ${service.port}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench server: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
