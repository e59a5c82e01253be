import type { UserEvent } from './events';

export type DynamicPasswordSetting =
  | { readonly mode: 'default' }
  | { readonly mode: 'disabled' }
  | { readonly mode: 'enabled'; readonly pattern?: string; readonly timeZone?: string };

export type UserState =
  | { readonly status: 'unregistered' }
  | {
      readonly status: 'active' | 'inactive';
      readonly username: string;
      readonly staff: boolean;
      readonly passwordHash: string;
      readonly dynamicPassword: DynamicPasswordSetting;
      /** Tokens issued before this instant no longer count (password change, deactivation). */
      readonly sessionsValidFrom: string;
    };

export type RegisteredUser = Extract<UserState, { status: 'active' | 'inactive' }>;

export const initialUserState = (): UserState => ({ status: 'unregistered' });

export function evolveUser(state: UserState, event: UserEvent): UserState {
  if (event.type === 'UserRegistered') {
    return {
      status: 'active',
      username: event.data.username,
      staff: event.data.staff,
      passwordHash: event.data.passwordHash,
      dynamicPassword: { mode: 'default' },
      sessionsValidFrom: event.data.at,
    };
  }
  // Events before registration cannot be decided; a folded history that has them is left as is.
  if (state.status === 'unregistered') return state;
  switch (event.type) {
    case 'PasswordChanged':
      return { ...state, passwordHash: event.data.passwordHash, sessionsValidFrom: event.data.at };
    case 'StaffGranted':
      return { ...state, staff: true };
    case 'StaffRevoked':
      return { ...state, staff: false };
    case 'DynamicPasswordEnabled':
      return { ...state, dynamicPassword: { mode: 'enabled', pattern: event.data.pattern, timeZone: event.data.timeZone } };
    case 'DynamicPasswordDisabled':
      return { ...state, dynamicPassword: { mode: 'disabled' } };
    case 'DynamicPasswordSettingCleared':
      return { ...state, dynamicPassword: { mode: 'default' } };
    case 'UserDeactivated':
      return { ...state, status: 'inactive', sessionsValidFrom: event.data.at };
    case 'UserReactivated':
      return { ...state, status: 'active' };
    case 'LoginAttempted':
    case 'AccountLocked':
    case 'AccountUnlocked':
      return state;
    default: {
      // Compile-time exhaustiveness; at run time an unknown event changes nothing.
      const unknown: never = event;
      void unknown;
      return state;
    }
  }
}
