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
export interface LoginSubject extends FoldedStream {
  readonly key: string;
  /** Only for names no user has. */
  readonly usernameDigest?: string;
}

interface FoldedStream {
  readonly streamId: string;
  readonly revision: bigint | 'no_stream';
  readonly user: UserState;
  readonly lockout: LockoutState;
}

/** How many folded streams the login path keeps; the oldest used is forgotten first. */
const REMEMBERED_STREAMS = 10_000;

/**
 * Loads login subjects, remembering each stream's fold so that the next attempt reads only the
 * events appended since. Without it every login would fold the whole history, and the response
 * time would grow with a name's number of past attempts: a way to tell busy accounts from names no
 * one has.
 */
export class LoginSubjects {
  private readonly folds = new Map<string, FoldedStream>();

  constructor(
    private readonly store: EventStore,
    private readonly digest: KeyedDigest,
    private readonly rule: LockoutRule,
  ) {}

  async load(username: string): Promise<LoginSubject> {
    const key = validKey(username);
    if (key !== null) {
      const folded = await this.fold(userStream(key));
      if (folded.user.status !== 'unregistered') return { ...folded, key };
    }
    const usernameDigest = this.digest.digest(loginKey(username));
    return { ...(await this.fold(unknownLoginStream(usernameDigest))), key: loginKey(username), usernameDigest };
  }

  private async fold(streamId: string): Promise<FoldedStream> {
    const folded = await foldStream(this.store, streamId, this.rule, this.folds.get(streamId));
    this.folds.delete(streamId);
    this.folds.set(streamId, folded);
    if (this.folds.size > REMEMBERED_STREAMS) this.folds.delete(this.folds.keys().next().value!);
    return folded;
  }
}

/** A registered user's stream as the lockout ladder sees it, read whole. */
export async function loadLockout(store: EventStore, key: string, rule: LockoutRule): Promise<LoginSubject> {
  return { ...(await foldStream(store, userStream(key), rule)), key };
}

/** Folds the stream's events after `known` (or all of them) into the user and lockout states. */
async function foldStream(store: EventStore, streamId: string, rule: LockoutRule, known?: FoldedStream): Promise<FoldedStream> {
  const fromRevision = known === undefined || known.revision === 'no_stream' ? 0n : known.revision + 1n;
  const recorded = await store.readStream(streamId, { fromRevision });
  let user = fromRevision === 0n ? initialUserState() : known!.user;
  let lockout = fromRevision === 0n ? initialLockoutState() : known!.lockout;
  for (const event of recorded) {
    const userEvent = asUserEvent(event);
    if (userEvent === null) continue;
    user = evolveUser(user, userEvent);
    lockout = evolveLockout(lockout, userEvent, rule);
  }
  const last = recorded.at(-1);
  return { streamId, user, lockout, revision: last ? last.revision : fromRevision === 0n ? 'no_stream' : known!.revision };
}

function validKey(username: string): string | null {
  try {
    return parseUsername(username).key;
  } catch {
    return null;
  }
}
