import { registerUser } from '../../application/commands/registerUser';
import { unlockAccount } from '../../application/commands/unlockAccount';
import { SYSTEM_ACTOR } from '../../application/principal';
import type { Container } from 'inversify';
import type { Config } from '../../infrastructure/config';
import { createContainer } from '../../infrastructure/di/container';
import { TYPES } from '../../infrastructure/di/types';
import type { EventStore } from '../../application/ports/eventStore';
import type { SqliteReadModels } from '../../infrastructure/readModels/sqliteReadModels';

/** `dynpass users create <name> [--staff]`: the password comes on stdin, never on the command line. */
export async function createUserFromCli(config: Config, username: string, flags: string[]): Promise<number> {
  if (flags.some((flag) => flag !== '--staff')) {
    process.stderr.write('dynpass: users create takes only --staff\n');
    return 2;
  }
  const password = (await readStdin()).replace(/\r?\n$/, '');
  return withStore(config, async (container, store) => {
    const register = registerUser({ store, hasher: container.get(TYPES.PasswordHasher), clock: container.get(TYPES.Clock) });
    const user = await register({ username, password, staff: flags.includes('--staff'), actor: SYSTEM_ACTOR });
    process.stdout.write(`created ${user.username}${user.staff ? ' (staff)' : ''}\n`);
    return 0;
  });
}

/** Runs a one-off command against the configured store, closing it whatever happens. */
async function withStore(config: Config, run: (container: Container, store: EventStore) => Promise<number>): Promise<number> {
  const container = createContainer(config);
  const store = container.get<EventStore>(TYPES.EventStore);
  try {
    return await run(container, store);
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/** `dynpass read-models rebuild`: forgets the projections and replays the whole store into them. */
export function rebuildReadModels(config: Config): Promise<number> {
  return withStore(config, async (container) => {
    const readModels = container.get<SqliteReadModels>(TYPES.ReadModels);
    try {
      const started = process.hrtime.bigint();
      await readModels.rebuild();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      const users = (await readModels.listUsers()).length;
      process.stdout.write(`rebuilt users (${users}) and audit from every event in ${seconds.toFixed(2)} s\n`);
      return 0;
    } finally {
      await readModels.close();
    }
  });
}

/**
 * `dynpass users unlock <name>`: the way back in when anonymous guessing has locked every staff
 * account. It needs access to the store, not a token; the unlock is recorded with actor 'system'.
 */
export function unlockFromCli(config: Config, username: string): Promise<number> {
  return withStore(config, async (container, store) => {
    await unlockAccount({ store, clock: container.get(TYPES.Clock), lockout: config.lockout })({ key: SYSTEM_ACTOR, staff: true }, username);
    process.stdout.write(`unlocked ${username}\n`);
    return 0;
  });
}
