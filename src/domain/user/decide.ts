import type { UserCommand } from './commands';
import { DomainError } from './errors';
import type { UserEvent } from './events';
import type { UserState } from './state';

/**
 * Pure decisions for the User aggregate. Asking for the state the user already has decides no
 * events: the request succeeds and the history holds real changes only.
 */
export function decideUser(command: UserCommand, state: UserState): UserEvent[] {
  if (command.type === 'RegisterUser') {
    if (state.status !== 'unregistered') throw new DomainError('username_taken', 'username is taken');
    const { actor, at, username, staff, passwordHash } = command;
    return [{ type: 'UserRegistered', data: { at, actor, username, staff, passwordHash } }];
  }
  if (command.type === 'RecordLoginAttempt') return [{ type: 'LoginAttempted', data: command.attempt }];
  if (state.status === 'unregistered') throw new DomainError('user_not_found', 'no such user');

  const stamp = { at: command.at, actor: command.actor };
  switch (command.type) {
    case 'ChangePassword':
      return [{ type: 'PasswordChanged', data: { ...stamp, passwordHash: command.passwordHash } }];
    case 'GrantStaff':
      if (state.staff) return [];
      return [{ type: 'StaffGranted', data: stamp }];
    case 'RevokeStaff':
      if (!state.staff) return [];
      return [{ type: 'StaffRevoked', data: stamp }];
    case 'EnableDynamicPassword': {
      const { pattern, timeZone } = command;
      return [{ type: 'DynamicPasswordEnabled', data: { ...stamp, ...(pattern !== undefined && { pattern }), ...(timeZone !== undefined && { timeZone }) } }];
    }
    case 'DisableDynamicPassword':
      if (state.dynamicPassword.mode === 'disabled') return [];
      return [{ type: 'DynamicPasswordDisabled', data: stamp }];
    case 'ClearDynamicPasswordSetting':
      if (state.dynamicPassword.mode === 'default') return [];
      return [{ type: 'DynamicPasswordSettingCleared', data: stamp }];
    case 'DeactivateUser':
      if (state.status === 'inactive') return [];
      return [{ type: 'UserDeactivated', data: stamp }];
    case 'ReactivateUser':
      if (state.status === 'active') return [];
      return [{ type: 'UserReactivated', data: stamp }];
    default: {
      const unknown: never = command;
      throw new Error(`unhandled command ${JSON.stringify(unknown)}`);
    }
  }
}
