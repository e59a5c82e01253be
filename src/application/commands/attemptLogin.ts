import { planVerification, requirementFor, verdictOf, type GlobalDynamicPasswordRule, type Requirement } from '../../domain/dynamicPassword/policy';
import type { LoginAttemptData } from '../../domain/user/events';
import { loginKey, parseUsername } from '../../domain/user/username';
import { handleUserCommand, loadUser, toNewEvents, type LoadedUser } from '../handleUserCommand';
import { KeyedMutex } from '../keyedMutex';
import { SYSTEM_ACTOR } from '../principal';
import type { Clock } from '../ports/clock';
import type { KeyedDigest } from '../ports/digest';
import type { EventStore } from '../ports/eventStore';
import type { PasswordHasher } from '../ports/passwordHasher';
import type { TokenService } from '../ports/tokens';
import { unknownLoginStream } from '../streams';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

export type LoginResult =
  | { readonly ok: true; readonly token: string; readonly expiresAt: Date; readonly user: { username: string; staff: boolean } }
  | { readonly ok: false };

interface Deps {
  store: EventStore;
  hasher: PasswordHasher;
  clock: Clock;
  tokens: TokenService;
  digest: KeyedDigest;
  rule: GlobalDynamicPasswordRule;
}

/**
 * Every attempt, whatever its fate, costs exactly one slow hash verification and records one
 * LoginAttempted event. Paths with no usable stored hash verify against a dummy hash, so the
 * response time does not tell which usernames exist or which check failed.
 */
export function attemptLogin(deps: Deps): (input: LoginInput) => Promise<LoginResult> {
  const perAccount = new KeyedMutex();
  return (input) => perAccount.run(loginKey(input.username), () => decideAttempt(deps, input));
}

async function decideAttempt(deps: Deps, input: LoginInput): Promise<LoginResult> {
  const now = deps.clock.now();
  const key = registeredKey(input.username);
  const loaded = key === null ? null : await loadUser(deps.store, key);
  const stamp = { at: now.toISOString(), actor: SYSTEM_ACTOR, ...(input.ip && { ip: input.ip }), ...(input.userAgent && { userAgent: input.userAgent }) };

  if (key === null || loaded === null || loaded.state.status === 'unregistered') {
    await deps.hasher.verify(await deps.hasher.dummyHash(), input.password);
    const usernameDigest = deps.digest.digest(loginKey(input.username));
    const attempt: LoginAttemptData = { ...stamp, outcome: 'failed', reason: 'unknown_user', policy: 'none', usernameDigest };
    await deps.store.append(unknownLoginStream(usernameDigest), toNewEvents([{ type: 'LoginAttempted', data: attempt }], SYSTEM_ACTOR), 'any');
    return { ok: false };
  }
  const user = loaded.state;
  if (user.status === 'inactive') {
    await deps.hasher.verify(await deps.hasher.dummyHash(), input.password);
    await record(deps, key, loaded, { ...stamp, outcome: 'failed', reason: 'inactive', policy: 'none' });
    return { ok: false };
  }
  const requirement = requirementFor({ key, staff: user.staff, dynamicPassword: user.dynamicPassword }, deps.rule);
  const plan = planVerification(input.password, requirement, now, deps.rule.graceSeconds);
  const verdict = verdictOf(plan, await deps.hasher.verify(user.passwordHash, plan.secret));
  const policy = fingerprint(requirement, deps.digest);
  if (verdict.outcome === 'failed') {
    await record(deps, key, loaded, { ...stamp, outcome: 'failed', reason: verdict.reason, policy });
    return { ok: false };
  }
  await record(deps, key, loaded, { ...stamp, outcome: 'succeeded', policy });
  const { token, expiresAt } = deps.tokens.issue(key, now);
  return { ok: true, token, expiresAt, user: { username: user.username, staff: user.staff } };
}

function registeredKey(username: string): string | null {
  try {
    return parseUsername(username).key;
  } catch {
    return null;
  }
}

/** Appends the attempt; a concurrent writer only moves it later in the stream, never loses it. */
async function record(deps: Deps, key: string, loaded: LoadedUser, attempt: LoginAttemptData): Promise<void> {
  await handleUserCommand(deps.store, key, () => ({ type: 'RecordLoginAttempt', attempt }), loaded);
}

/** Names the rule that applied without revealing the pattern: a keyed digest of it. */
function fingerprint(requirement: Requirement, digest: KeyedDigest): string {
  if (requirement.kind === 'static') return `static:${requirement.source}`;
  const id = digest.digest(`${requirement.pattern.source}\u0000${requirement.timeZone}`).slice(0, 12);
  return `dynamic:${requirement.source}:${id}`;
}
