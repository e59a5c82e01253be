import './threadpool';
import 'reflect-metadata';
import { isValidTimeZone, parsePattern, renderWithPlaceholder } from '../../domain/dynamicPassword/pattern';
import { ConfigError, loadConfig } from '../../infrastructure/config';
import { createLogger, type LogLevel } from '../../infrastructure/logger';
import { createUserFromCli, rebuildReadModels, unlockFromCli } from './offlineCommands';
import { startService } from './service';

const USAGE = `usage:
  dynpass serve
  dynpass users create <username> [--staff]     (password on standard input)
  dynpass users unlock <username>                (ends a lock, e.g. of the last staff account)
  dynpass render --pattern P [--time-zone Z] [--at ISO-8601 instant]
  dynpass read-models rebuild                   (replays every event into fresh projections)`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (command === 'serve') {
    const config = loadConfig(process.env);
    const logger = createLogger(logLevel());
    const service = await startService(config, logger);
    const stop = () => void service.close().then(() => process.exit(0));
    process.once('SIGTERM', stop);
    process.once('SIGINT', stop);
    return -1;
  }
  if (command === 'users' && rest[0] === 'create' && rest[1] !== undefined) {
    return createUserFromCli(loadConfig(process.env), rest[1], rest.slice(2));
  }
  if (command === 'users' && rest[0] === 'unlock' && rest.length === 2) return unlockFromCli(loadConfig(process.env), rest[1]);
  if (command === 'render') return render(rest);
  if (command === 'read-models' && rest[0] === 'rebuild' && rest.length === 1) return rebuildReadModels(loadConfig(process.env));
  process.stderr.write(`${USAGE}\n`);
  return 2;
}

function render(args: string[]): number {
  const options = new Map<string, string>();
  for (let i = 0; i < args.length; i += 2) {
    if (!['--pattern', '--time-zone', '--at'].includes(args[i]) || args[i + 1] === undefined) {
      process.stderr.write(`${USAGE}\n`);
      return 2;
    }
    options.set(args[i], args[i + 1]);
  }
  const pattern = options.get('--pattern');
  if (pattern === undefined) {
    process.stderr.write(`${USAGE}\n`);
    return 2;
  }
  const at = options.has('--at') ? new Date(options.get('--at')!) : new Date();
  if (Number.isNaN(at.getTime()) || (options.has('--at') && !/(Z|[+-]\d\d:?\d\d)$/i.test(options.get('--at')!))) {
    throw new ConfigError('--at: expected an ISO-8601 instant with an offset, e.g. 2022-09-29T08:01:00Z');
  }
  const timeZone = options.get('--time-zone') ?? 'UTC';
  if (!isValidTimeZone(timeZone)) throw new ConfigError('--time-zone: not an IANA time zone name');
  process.stdout.write(`${renderWithPlaceholder(parsePattern(pattern), at, timeZone)}\n`);
  return 0;
}

function logLevel(): LogLevel {
  const level = process.env.DYNPASS_LOG_LEVEL ?? 'info';
  if (!['debug', 'info', 'warn', 'error'].includes(level)) throw new ConfigError('DYNPASS_LOG_LEVEL: expected debug, info, warn or error');
  return level as LogLevel;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exitCode = code;
  },
  (error: unknown) => {
    // One line, naming what is wrong; configuration errors never carry a secret value.
    const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : String(error);
    process.stderr.write(`dynpass: ${message.split('\n')[0]}\n`);
    process.exitCode = 1;
  },
);
