import { evolveLockout, initialLockoutState, type LockoutRule, type LockoutState } from '../domain/lockout/lockout';
import { evolveUser, initialUserState, type UserState } from '../domain/user/state';
import { loginKey, parseUsername } from '../domain/user/username';
import { asUserEvent } from './handleUserCommand';
import type { KeyedDigest } from './ports/digest';
import type { EventStore } from './ports/eventStore';
import { unknownLoginStream, userStream } from './streams';

/**
 * Whatever a login name refers to: a user's stream, or, for names no user has, a stream named by a
 * keyed digest of the name. Both fold the same lockout ladder, so guessing at names that do not
 * exist is locked out just the same.
 */
export interface LoginSubject {
  readonly streamId: string;
  readonly revision: bigint | 'no_stream';
  readonly key: string;
  readonly user: UserState;
  readonly lockout: LockoutState;
  /** Only for names no user has. */
  readonly usernameDigest?: string;
}

export async function loadLoginSubject(store: EventStore, digest: KeyedDigest, username: string, rule: LockoutRule): Promise<LoginSubject> {
  const key = validKey(username);
  if (key !== null) {
    const subject = await fold(store, userStream(key), key, rule);
    if (subject.user.status !== 'unregistered') return subject;
  }
  const usernameDigest = digest.digest(loginKey(username));
  return { ...(await fold(store, unknownLoginStream(usernameDigest), loginKey(username), rule)), usernameDigest };
}

export async function loadLockout(store: EventStore, key: string, rule: LockoutRule): Promise<LoginSubject> {
  return fold(store, userStream(key), key, rule);
}

async function fold(store: EventStore, streamId: string, key: string, rule: LockoutRule): Promise<LoginSubject> {
  const recorded = await store.readStream(streamId);
  let user = initialUserState();
  let lockout = initialLockoutState();
  for (const event of recorded) {
    const userEvent = asUserEvent(event);
    if (userEvent === null) continue;
    user = evolveUser(user, userEvent);
    lockout = evolveLockout(lockout, userEvent, rule);
  }
  const last = recorded.at(-1);
  return { streamId, key, user, lockout, revision: last ? last.revision : 'no_stream' };
}

function validKey(username: string): string | null {
  try {
    return parseUsername(username).key;
  } catch {
    return null;
  }
}
