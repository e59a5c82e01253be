import { windowKey } from '../../domain/dynamicPassword/pattern';
import {
  planVerification,
  requirementFor,
  verdictOf,
  type GlobalDynamicPasswordRule,
  type Requirement,
  type VerificationPlan,
} from '../../domain/dynamicPassword/policy';
import { evolveLockout, isGuess, isLocked, lockEarned, type LockoutRule } from '../../domain/lockout/lockout';
import type { LoginAttemptData, LoginFailureReason, UserEvent } from '../../domain/user/events';
import { loginKey } from '../../domain/user/username';
import { decideAndAppend } from '../decideAndAppend';
import { KeyedMutex } from '../keyedMutex';
import { LoginSubjects, type LoginSubject } from '../loginSubject';
import { SYSTEM_ACTOR } from '../principal';
import type { Clock } from '../ports/clock';
import type { KeyedDigest } from '../ports/digest';
import type { EventStore } from '../ports/eventStore';
import type { PasswordHasher } from '../ports/passwordHasher';
import type { TokenService } from '../ports/tokens';

export interface LoginInput {
  readonly username: string;
  readonly password: string;
  readonly ip?: string;
  readonly userAgent?: string;
}

export type LoginResult =
  | { readonly ok: true; readonly token: string; readonly expiresAt: Date; readonly user: { username: string; staff: boolean } }
  | { readonly ok: false };

export interface LoginDeps {
  readonly store: EventStore;
  readonly hasher: PasswordHasher;
  readonly clock: Clock;
  readonly tokens: TokenService;
  readonly digest: KeyedDigest;
  readonly rule: GlobalDynamicPasswordRule;
  readonly lockout: LockoutRule;
  readonly singleUse: boolean;
}

type Verify = (phc: string | null, secret: string) => Promise<boolean>;

/**
 * Every attempt, whatever its fate, costs exactly one slow hash verification and records one
 * LoginAttempted event. Paths with no credential to check (unknown name, inactive, locked) verify
 * against a dummy hash, so the response time does not tell which usernames exist or why an
 * attempt failed. Attempts on one name are decided one after another within this instance, so
 * concurrent guesses cannot slip past the lockout threshold.
 */
export function attemptLogin(deps: LoginDeps): (input: LoginInput) => Promise<LoginResult> {
  const perAccount = new KeyedMutex();
  const subjects = new LoginSubjects(deps.store, deps.digest, deps.lockout);
  return (input) => perAccount.run(loginKey(input.username), () => decideAttempt(deps, subjects, input));
}

/**
 * When another instance wrote to the stream meanwhile, the attempt is decided again on the fresh
 * history; verifications are remembered, so that costs no second slow hash for one credential.
 */
function decideAttempt(deps: LoginDeps, subjects: LoginSubjects, input: LoginInput): Promise<LoginResult> {
  const verify = rememberingVerify(deps.hasher);
  return decideAndAppend(
    deps.store,
    () => subjects.load(input.username),
    (subject) => evaluate(deps, subject, input, deps.clock.now(), verify),
  );
}

async function evaluate(
  deps: LoginDeps,
  subject: LoginSubject,
  input: LoginInput,
  now: Date,
  verify: Verify,
): Promise<{ events: UserEvent[]; result: LoginResult; actor: string }> {
  const stamp = { at: now.toISOString(), actor: SYSTEM_ACTOR, ...(input.ip && { ip: input.ip }), ...(input.userAgent && { userAgent: input.userAgent }) };
  const failed = (reason: LoginFailureReason, policy = 'none') => {
    const attempt: LoginAttemptData = { ...stamp, outcome: 'failed', reason, policy, ...(subject.usernameDigest && { usernameDigest: subject.usernameDigest }) };
    return { events: withLock(deps, subject, attempt, now), result: { ok: false } as const, actor: SYSTEM_ACTOR };
  };
  const { user, lockout } = subject;
  if (isLocked(lockout, now)) return (await verify(null, input.password), failed('locked'));
  if (user.status === 'unregistered') return (await verify(null, input.password), failed('unknown_user'));
  if (user.status === 'inactive') return (await verify(null, input.password), failed('inactive'));

  const requirement = requirementFor({ key: subject.key, staff: user.staff, dynamicPassword: user.dynamicPassword }, deps.rule);
  const plan = planSafely(input.password, requirement, now, deps.rule.graceSeconds);
  const verdict = verdictOf(plan, await verify(user.passwordHash, plan.secret));
  const policy = fingerprint(requirement, deps.digest);
  if (verdict.outcome === 'failed') return failed(verdict.reason, policy);
  const window = requirement.kind === 'dynamic' && plan.window ? deps.digest.digest(`${policy}\u0000${windowKey(requirement.pattern, plan.window, requirement.timeZone)}`) : undefined;
  if (deps.singleUse && window !== undefined && lockout.usedWindows.includes(window)) return failed('replayed', policy);

  const { token, expiresAt } = deps.tokens.issue(subject.key, now);
  return {
    events: [{ type: 'LoginAttempted', data: { ...stamp, outcome: 'succeeded', policy, ...(window && { window }) } }],
    result: { ok: true, token, expiresAt, user: { username: user.username, staff: user.staff } },
    actor: SYSTEM_ACTOR,
  };
}

/**
 * A pattern that cannot render (a zone ICU no longer knows, say) must still give the generic
 * failure, recorded, after one hash: the typed text is then checked whole, as a time part mismatch.
 */
function planSafely(typed: string, requirement: Requirement, now: Date, graceSeconds: number): VerificationPlan {
  try {
    return planVerification(typed, requirement, now, graceSeconds);
  } catch {
    return { secret: typed, timePartMatched: false };
  }
}

/** The attempt, and the lock it earns when it is one guess too many. */
function withLock(deps: LoginDeps, subject: LoginSubject, attempt: LoginAttemptData, now: Date): UserEvent[] {
  const event: UserEvent = { type: 'LoginAttempted', data: attempt };
  if (!isGuess(attempt.reason)) return [event];
  const lock = lockEarned(evolveLockout(subject.lockout, event, deps.lockout), now, deps.lockout);
  return lock ? [event, { type: 'AccountLocked', data: lock }] : [event];
}

/** One slow verification per distinct credential; null means "no real hash": use the dummy. */
function rememberingVerify(hasher: PasswordHasher): Verify {
  const seen = new Map<string, Promise<boolean>>();
  return async (phc, secret) => {
    const hash = phc ?? (await hasher.dummyHash());
    const key = `${hash}\u0000${secret}`;
    if (!seen.has(key)) seen.set(key, hasher.verify(hash, secret));
    return seen.get(key)!;
  };
}

/** Names the rule that applied without revealing the pattern: a keyed digest of it. */
function fingerprint(requirement: Requirement, digest: KeyedDigest): string {
  if (requirement.kind === 'static') return `static:${requirement.source}`;
  const id = digest.digest(`${requirement.pattern.source}\u0000${requirement.timeZone}`).slice(0, 12);
  return `dynamic:${requirement.source}:${id}`;
}
