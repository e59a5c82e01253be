import { registerUser } from '../../application/commands/registerUser';
import { SYSTEM_ACTOR } from '../../application/principal';
import type { Config } from '../../infrastructure/config';
import { createContainer } from '../../infrastructure/di/container';
import { TYPES } from '../../infrastructure/di/types';
import type { EventStore } from '../../application/ports/eventStore';

/** `dynpass users create <name> [--staff]`: the password comes on stdin, never on the command line. */
export async function createUserFromCli(config: Config, username: string, flags: string[]): Promise<number> {
  if (flags.some((flag) => flag !== '--staff')) {
    process.stderr.write('dynpass: users create takes only --staff\n');
    return 2;
  }
  const password = (await readStdin()).replace(/\r?\n$/, '');
  const container = createContainer(config);
  const store = container.get<EventStore>(TYPES.EventStore);
  try {
    const register = registerUser({ store, hasher: container.get(TYPES.PasswordHasher), clock: container.get(TYPES.Clock) });
    const user = await register({ username, password, staff: flags.includes('--staff'), actor: SYSTEM_ACTOR });
    process.stdout.write(`created ${user.username}${user.staff ? ' (staff)' : ''}\n`);
    return 0;
  } finally {
    await store.close();
  }
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
