import { MAX_RENDERINGS } from '../dynamicPassword/policy';
import type { LoginFailureReason, UserEvent } from '../user/events';

/** DYNPASS_LOCKOUT_*: the ladder of temporary locks, and the cap after which only staff unlock. */
export interface LockoutRule {
  readonly threshold: number;
  readonly firstLockSeconds: number;
  readonly maxLockSeconds: number;
  readonly resetAfterSeconds: number;
  readonly permanentAfter: number;
}

export const DEFAULT_LOCKOUT_RULE: LockoutRule = {
  threshold: 5,
  firstLockSeconds: 60,
  maxLockSeconds: 900,
  resetAfterSeconds: 12 * 3600,
  // NIST SP 800-63B 5.2.2: no more than 100 consecutive failed attempts.
  permanentAfter: 100,
};

export interface LockoutState {
  readonly consecutiveFailures: number;
  readonly lastFailureAt: string | null;
  /** Locks so far on this ladder: each doubles the next one's length. */
  readonly locks: number;
  /** ISO instant the current lock ends; 'staff' when only a staff member can end it. */
  readonly lockedUntil: string | 'staff' | null;
  /** Keyed digests of the windows whose dynamic password was accepted, most recent last. */
  readonly usedWindows: readonly string[];
}

export type AccountLockedData = {
  readonly at: string;
  readonly actor: string;
  /** Null: until a staff member unlocks the account. */
  readonly until: string | null;
  readonly reason: 'too_many_failures' | 'failure_cap';
  readonly failures: number;
};

export type LockoutEvent = Extract<UserEvent, { type: 'LoginAttempted' | 'AccountLocked' | 'AccountUnlocked' }>;

export const initialLockoutState = (): LockoutState => ({ consecutiveFailures: 0, lastFailureAt: null, locks: 0, lockedUntil: null, usedWindows: [] });

/** Failures that are guesses at a credential. Denials of a known state (locked, inactive, replay) are not. */
const GUESSES: ReadonlySet<LoginFailureReason> = new Set(['unknown_user', 'wrong_password', 'pattern_mismatch', 'static_password_without_pattern']);
/** Every window a login may still be accepted in must be remembered, or a replay could wait it out. */
const USED_WINDOWS_KEPT = MAX_RENDERINGS;

export const isGuess = (reason: LoginFailureReason | undefined) => reason !== undefined && GUESSES.has(reason);

/** Folds the events that matter to the ladder; every other user event leaves it as it is. */
export function evolveLockout(state: LockoutState, event: UserEvent, rule: LockoutRule): LockoutState {
  switch (event.type) {
    case 'LoginAttempted': {
      const { data } = event;
      if (data.outcome === 'succeeded') {
        const usedWindows = data.window === undefined ? state.usedWindows : [...state.usedWindows, data.window].slice(-USED_WINDOWS_KEPT);
        return { ...initialLockoutState(), usedWindows };
      }
      if (!isGuess(data.reason)) return state;
      const ladder = ladderExpired(state, data.at, rule) ? { ...state, consecutiveFailures: 0, locks: 0 } : state;
      return { ...ladder, consecutiveFailures: ladder.consecutiveFailures + 1, lastFailureAt: data.at };
    }
    case 'AccountLocked':
      return { ...state, locks: state.locks + 1, lockedUntil: event.data.until ?? 'staff' };
    case 'AccountUnlocked':
      return { ...initialLockoutState(), usedWindows: state.usedWindows };
    default:
      return state;
  }
}

function ladderExpired(state: LockoutState, at: string, rule: LockoutRule): boolean {
  return state.lastFailureAt !== null && Date.parse(at) - Date.parse(state.lastFailureAt) >= rule.resetAfterSeconds * 1000;
}

export function isLocked(state: LockoutState, now: Date): boolean {
  if (state.lockedUntil === 'staff') return true;
  return state.lockedUntil !== null && now.getTime() < Date.parse(state.lockedUntil);
}

/** After a counted failure has been folded in: the lock it earns, if any. */
export function lockEarned(state: LockoutState, now: Date, rule: LockoutRule): AccountLockedData | null {
  const failures = state.consecutiveFailures;
  const stamp = { at: now.toISOString(), actor: 'system', failures };
  if (failures >= rule.permanentAfter) return { ...stamp, until: null, reason: 'failure_cap' };
  if (failures < rule.threshold) return null;
  const seconds = Math.min(rule.firstLockSeconds * 2 ** state.locks, rule.maxLockSeconds);
  return { ...stamp, until: new Date(now.getTime() + seconds * 1000).toISOString(), reason: 'too_many_failures' };
}

/** A staff unlock decides an event only when there is something to undo. */
export function decideUnlock(state: LockoutState, now: Date, actor: string): LockoutEvent[] {
  if (state.consecutiveFailures === 0 && state.lockedUntil === null) return [];
  return [{ type: 'AccountUnlocked', data: { at: now.toISOString(), actor } }];
}
