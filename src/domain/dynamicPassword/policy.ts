import type { DynamicPasswordSetting } from '../user/state';
import { granularity, hasTimePart, parsePattern, PatternError, renderPattern, type Pattern } from './pattern';

/**
 * What a pattern may add around the password. Login text is capped at 512 characters and static
 * passwords at 128, so a pattern that renders longer would lock its users out.
 */
export const MAX_RENDERED_PATTERN_LENGTH = 256;
/** Longest month and weekday names, last second of the day: as long as any instant renders. */
const LONGEST_INSTANT = new Date('2022-09-28T23:59:59.999Z');

/**
 * Parses a pattern and refuses one that could not be used at login: too long to type, or not
 * renderable in its zone (%Z needs a zone the abbreviation table knows).
 */
export function parseUsablePattern(source: string, timeZone = 'UTC'): Pattern {
  const pattern = parsePattern(source);
  const { prefix, suffix } = renderPattern(pattern, LONGEST_INSTANT, timeZone);
  if (prefix.length + suffix.length > MAX_RENDERED_PATTERN_LENGTH) {
    throw new PatternError(`the pattern renders to more than ${MAX_RENDERED_PATTERN_LENGTH} characters around <PASSWORD>`);
  }
  return pattern;
}

/** The global rule, from DYNAMIC_PASSWORD_* settings. */
export interface GlobalDynamicPasswordRule {
  readonly pattern: Pattern;
  readonly timeZone: string;
  readonly onlyStaff: boolean;
  /** Username keys the rule is limited to; null means everyone (DYNAMIC_PASSWORD_USERS unset). */
  readonly users: ReadonlySet<string> | null;
  readonly graceSeconds: number;
}

export type Requirement =
  | { readonly kind: 'static'; readonly source: 'user' | 'global' }
  | { readonly kind: 'dynamic'; readonly source: 'user' | 'global'; readonly pattern: Pattern; readonly timeZone: string };

export interface PolicySubject {
  readonly key: string;
  readonly staff: boolean;
  readonly dynamicPassword: DynamicPasswordSetting;
}

/**
 * Who must type what. A user's own setting wins; otherwise the global pattern applies when it has a
 * time part, to everyone, to staff only, and/or to the listed users only.
 */
export function requirementFor(user: PolicySubject, rule: GlobalDynamicPasswordRule): Requirement {
  const own = user.dynamicPassword;
  if (own.mode === 'disabled') return { kind: 'static', source: 'user' };
  if (own.mode === 'enabled') {
    const pattern = own.pattern === undefined ? rule.pattern : parsePattern(own.pattern);
    const timeZone = own.timeZone ?? rule.timeZone;
    return hasTimePart(pattern) ? { kind: 'dynamic', source: 'user', pattern, timeZone } : { kind: 'static', source: 'user' };
  }
  const applies =
    hasTimePart(rule.pattern) && (rule.users === null || rule.users.has(user.key)) && (!rule.onlyStaff || user.staff);
  return applies
    ? { kind: 'dynamic', source: 'global', pattern: rule.pattern, timeZone: rule.timeZone }
    : { kind: 'static', source: 'global' };
}

/** What the one slow hash of an attempt checks, and whether the typed time part was right. */
export interface VerificationPlan {
  readonly secret: string;
  readonly timePartMatched: boolean;
  /** For a dynamic form that fits: an instant of the window whose rendering it fits. */
  readonly window?: Date;
}

/**
 * Literal, anchored at both ends: the rendered prefix and suffix must match exactly, and the middle is
 * the candidate static password. For `graceSeconds` after a window boundary the previous window's
 * rendering counts too; the current window is tried first. When no rendering fits, the whole text
 * is checked, to notice a static password sent without its pattern.
 */
export function planVerification(typed: string, requirement: Requirement, now: Date, graceSeconds: number): VerificationPlan {
  if (requirement.kind === 'static') return { secret: typed, timePartMatched: true };
  const { pattern, timeZone } = requirement;
  for (const instant of instantsWithinGrace(pattern, now, graceSeconds)) {
    const { prefix, suffix } = renderPattern(pattern, instant, timeZone);
    if (typed.length > prefix.length + suffix.length && typed.startsWith(prefix) && typed.endsWith(suffix)) {
      return { secret: typed.slice(prefix.length, typed.length - suffix.length), timePartMatched: true, window: instant };
    }
  }
  return { secret: typed, timePartMatched: false };
}

/** Most renderings tried per attempt: they cost microseconds each, but they run on every login. */
export const MAX_RENDERINGS = 121;

/**
 * Now, then instants back to `now - grace` close enough together to land in every window in
 * between: windows of a pattern that shows seconds are a second long, all others at least a
 * minute. The current window comes first.
 */
function instantsWithinGrace(pattern: Pattern, now: Date, graceSeconds: number): Date[] {
  if (graceSeconds <= 0) return [now];
  const windowSeconds = granularity(pattern) === 'second' ? 1 : 60;
  const step = Math.max(windowSeconds, Math.ceil(graceSeconds / (MAX_RENDERINGS - 2)));
  const instants = [now];
  for (let back = step; back < graceSeconds; back += step) instants.push(new Date(now.getTime() - back * 1000));
  instants.push(new Date(now.getTime() - graceSeconds * 1000));
  return instants;
}

export type LoginVerdict =
  | { readonly outcome: 'succeeded' }
  | { readonly outcome: 'failed'; readonly reason: 'wrong_password' | 'pattern_mismatch' | 'static_password_without_pattern' };

export function verdictOf(plan: VerificationPlan, secretVerified: boolean): LoginVerdict {
  if (plan.timePartMatched) return secretVerified ? { outcome: 'succeeded' } : { outcome: 'failed', reason: 'wrong_password' };
  return { outcome: 'failed', reason: secretVerified ? 'static_password_without_pattern' : 'pattern_mismatch' };
}
