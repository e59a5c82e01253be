import type { AccountLockedData } from '../lockout/lockout';

/**
 * Events of the User aggregate (stream `user-<key>`). Data holds strings, booleans and numbers
 * only; times are ISO-8601 strings from the injected clock. No event holds a plain password or the
 * text a user typed: only salted slow hashes.
 */
type Stamp = {
  /** When it happened, by the application's clock. */
  readonly at: string;
  /** Who did it: a username key, or 'system'. */
  readonly actor: string;
};

export type UserRegistered = {
  readonly type: 'UserRegistered';
  readonly data: Stamp & { readonly username: string; readonly staff: boolean; readonly passwordHash: string };
};
export type PasswordChanged = {
  readonly type: 'PasswordChanged';
  readonly data: Stamp & { readonly passwordHash: string };
};
export type StaffGranted = { readonly type: 'StaffGranted'; readonly data: Stamp };
export type StaffRevoked = { readonly type: 'StaffRevoked'; readonly data: Stamp };
export type DynamicPasswordEnabled = {
  readonly type: 'DynamicPasswordEnabled';
  /** Absent fields mean "the global setting". */
  readonly data: Stamp & { readonly pattern?: string; readonly timeZone?: string };
};
export type DynamicPasswordDisabled = { readonly type: 'DynamicPasswordDisabled'; readonly data: Stamp };
/** The user follows the global rule again, neither enabled nor disabled on their own. */
export type DynamicPasswordSettingCleared = { readonly type: 'DynamicPasswordSettingCleared'; readonly data: Stamp };
export type UserDeactivated = { readonly type: 'UserDeactivated'; readonly data: Stamp };
export type UserReactivated = { readonly type: 'UserReactivated'; readonly data: Stamp };

export type LoginOutcome = 'succeeded' | 'failed';
export const LOGIN_FAILURE_REASONS = [
  'unknown_user',
  'inactive',
  'wrong_password',
  'pattern_mismatch',
  'static_password_without_pattern',
  'locked',
  'replayed',
] as const;
export type LoginFailureReason = (typeof LOGIN_FAILURE_REASONS)[number];

export type LoginAttemptData = Stamp & {
  readonly outcome: LoginOutcome;
  readonly reason?: LoginFailureReason;
  readonly ip?: string;
  readonly userAgent?: string;
  /** Which rule decided what had to be typed, e.g. `static`, `user-pattern@3`, `global-pattern:1a2b…`. */
  readonly policy: string;
  /** Only on attempts for names no user has: a keyed digest instead of what was typed as the name. */
  readonly usernameDigest?: string;
  /** On accepted dynamic passwords: a keyed digest of the time window they belong to (single use). */
  readonly window?: string;
};

export type LoginAttempted = { readonly type: 'LoginAttempted'; readonly data: LoginAttemptData };
export type AccountLocked = { readonly type: 'AccountLocked'; readonly data: AccountLockedData };
export type AccountUnlocked = { readonly type: 'AccountUnlocked'; readonly data: Stamp };

export type UserEvent =
  | UserRegistered
  | PasswordChanged
  | StaffGranted
  | StaffRevoked
  | DynamicPasswordEnabled
  | DynamicPasswordDisabled
  | DynamicPasswordSettingCleared
  | UserDeactivated
  | UserReactivated
  | LoginAttempted
  | AccountLocked
  | AccountUnlocked;

export type UserEventType = UserEvent['type'];

export const USER_EVENT_TYPES: readonly UserEventType[] = [
  'UserRegistered',
  'PasswordChanged',
  'StaffGranted',
  'StaffRevoked',
  'DynamicPasswordEnabled',
  'DynamicPasswordDisabled',
  'DynamicPasswordSettingCleared',
  'UserDeactivated',
  'UserReactivated',
  'LoginAttempted',
  'AccountLocked',
  'AccountUnlocked',
];
