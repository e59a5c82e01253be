import {
  DEFAULT_LOCKOUT_RULE as rule,
  decideUnlock,
  evolveLockout,
  initialLockoutState,
  isGuess,
  isLocked,
  lockEarned,
  type LockoutState,
} from '../../../src/domain/lockout/lockout';
import { MAX_RENDERINGS } from '../../../src/domain/dynamicPassword/policy';
import type { LoginFailureReason, UserEvent } from '../../../src/domain/user/events';

const t0 = Date.parse('2022-09-29T08:00:00Z');
const at = (seconds: number) => new Date(t0 + seconds * 1000);
const failure = (seconds: number, reason: LoginFailureReason = 'wrong_password'): UserEvent => ({
  type: 'LoginAttempted',
  data: { at: at(seconds).toISOString(), actor: 'system', outcome: 'failed', reason, policy: 'static:global' },
});
const success = (seconds: number, window?: string): UserEvent => ({
  type: 'LoginAttempted',
  data: { at: at(seconds).toISOString(), actor: 'system', outcome: 'succeeded', policy: 'static:global', ...(window && { window }) },
});

/** Folds the events, appending each lock the ladder earns right after the failure that earned it. */
function play(events: UserEvent[], state: LockoutState = initialLockoutState()): { state: LockoutState; locks: (string | null)[] } {
  const locks: (string | null)[] = [];
  for (const event of events) {
    state = evolveLockout(state, event, rule);
    if (event.type !== 'LoginAttempted' || event.data.outcome !== 'failed') continue;
    const lock = lockEarned(state, new Date(event.data.at), rule);
    if (lock && isGuess(event.data.reason)) {
      locks.push(lock.until);
      state = evolveLockout(state, { type: 'AccountLocked', data: lock }, rule);
    }
  }
  return { state, locks };
}

describe('the lockout ladder', () => {
  it('locks for 60 s after the fifth consecutive failure, not before', () => {
    const four = play([0, 1, 2, 3].map((s) => failure(s)));
    expect(four.locks).toEqual([]);
    const five = play([0, 1, 2, 3, 4].map((s) => failure(s)));
    expect(five.locks).toEqual([at(64).toISOString()]);
    expect(isLocked(five.state, at(63))).toBe(true);
    expect(isLocked(five.state, at(64))).toBe(false);
  });

  it('doubles each further lock up to 900 s', () => {
    const seconds = [0, 1, 2, 3, 4, 70, 200, 500, 1000, 2000, 3000];
    const { locks } = play(seconds.map((s) => failure(s)));
    const lengths = locks.map((until, i) => (Date.parse(until!) - at(seconds[4 + i]).getTime()) / 1000);
    expect(lengths).toEqual([60, 120, 240, 480, 900, 900, 900]);
  });

  it('starts again 12 h after the last failure', () => {
    const { state, locks } = play([0, 1, 2, 3, 12 * 3600 + 3].map((s) => failure(s)));
    expect(locks).toEqual([]);
    expect(state.consecutiveFailures).toBe(1);
  });

  it('starts again on a success', () => {
    const { state, locks } = play([failure(0), failure(1), failure(2), failure(3), success(4), failure(5)]);
    expect(locks).toEqual([]);
    expect(state.consecutiveFailures).toBe(1);
  });

  it('does not count denials that are not guesses', () => {
    const denials = (['locked', 'inactive', 'replayed'] as const).flatMap((reason) => [0, 1, 2, 3, 4, 5].map((s) => failure(s, reason)));
    expect(play(denials).state.consecutiveFailures).toBe(0);
  });

  it('counts guesses at names no user has', () => {
    expect(play([0, 1, 2, 3, 4].map((s) => failure(s, 'unknown_user'))).locks).toHaveLength(1);
  });

  it('locks until a staff member unlocks after 100 consecutive failures', () => {
    const events: UserEvent[] = [];
    let clock = 0;
    for (let i = 0; i < 100; i++) {
      events.push(failure(clock));
      clock += i < 4 ? 1 : 901;
    }
    const { state, locks } = play(events);
    expect(locks.at(-1)).toBeNull();
    expect(isLocked(state, at(clock + 365 * 24 * 3600))).toBe(true);
    const unlocked = decideUnlock(state, at(clock), 'admin');
    expect(unlocked).toEqual([{ type: 'AccountUnlocked', data: { at: at(clock).toISOString(), actor: 'admin' } }]);
    const after = evolveLockout(state, unlocked[0], rule);
    expect(isLocked(after, at(clock))).toBe(false);
    expect(after.consecutiveFailures).toBe(0);
  });

  it('decides no unlock when there is nothing to undo', () => {
    expect(decideUnlock(initialLockoutState(), at(0), 'admin')).toEqual([]);
  });

  it('remembers as many accepted windows as a grace period can span, and forgets older ones', () => {
    const windows = Array.from({ length: MAX_RENDERINGS + 1 }, (_, i) => `w${i}`);
    const { state } = play(windows.map((w, i) => success(i, w)));
    expect(state.usedWindows).toEqual(windows.slice(1));
  });
});
