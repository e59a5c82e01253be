import type { UserEvent } from '../../../src/domain/user/events';
import { evolveUser, initialUserState } from '../../../src/domain/user/state';
import { given } from '../../support/deciderSpec';

const at = '2022-09-29T08:01:00.000Z';
const stamp = { at, actor: 'admin' };
const registered: UserEvent = { type: 'UserRegistered', data: { ...stamp, username: 'Alice', staff: false, passwordHash: '$argon2id$x' } };

describe('User decider', () => {
  it('registers a new user', () => {
    given()
      .when({ type: 'RegisterUser', ...stamp, username: 'Alice', staff: false, passwordHash: '$argon2id$x' })
      .then([registered]);
  });

  it('refuses to register a name that is taken', () => {
    given(registered).when({ type: 'RegisterUser', ...stamp, username: 'alice', staff: true, passwordHash: 'h' }).thenThrows('username_taken');
  });

  it('refuses every change to a user that does not exist', () => {
    given().when({ type: 'GrantStaff', ...stamp }).thenThrows('user_not_found');
    given().when({ type: 'ChangePassword', ...stamp, passwordHash: 'h' }).thenThrows('user_not_found');
  });

  it('grants staff once, and a second grant decides nothing', () => {
    given(registered).when({ type: 'GrantStaff', ...stamp }).then([{ type: 'StaffGranted', data: stamp }]);
    given(registered, { type: 'StaffGranted', data: stamp }).when({ type: 'GrantStaff', ...stamp }).then([]);
  });

  it('revokes staff only from staff', () => {
    given(registered).when({ type: 'RevokeStaff', ...stamp }).then([]);
    given(registered, { type: 'StaffGranted', data: stamp }).when({ type: 'RevokeStaff', ...stamp }).then([{ type: 'StaffRevoked', data: stamp }]);
  });

  it('enables the dynamic password with only the fields given', () => {
    given(registered)
      .when({ type: 'EnableDynamicPassword', ...stamp, pattern: '%d<PASSWORD>' })
      .then([{ type: 'DynamicPasswordEnabled', data: { ...stamp, pattern: '%d<PASSWORD>' } }]);
  });

  it('disables the dynamic password unless already disabled', () => {
    given(registered).when({ type: 'DisableDynamicPassword', ...stamp }).then([{ type: 'DynamicPasswordDisabled', data: stamp }]);
    given(registered, { type: 'DynamicPasswordDisabled', data: stamp }).when({ type: 'DisableDynamicPassword', ...stamp }).then([]);
  });

  it('clears an own setting back to the global rule, and decides nothing when there is none', () => {
    given(registered, { type: 'DynamicPasswordDisabled', data: stamp })
      .when({ type: 'ClearDynamicPasswordSetting', ...stamp })
      .then([{ type: 'DynamicPasswordSettingCleared', data: stamp }]);
    given(registered).when({ type: 'ClearDynamicPasswordSetting', ...stamp }).then([]);
  });

  it('deactivates an active user and reactivates an inactive one', () => {
    given(registered).when({ type: 'DeactivateUser', ...stamp }).then([{ type: 'UserDeactivated', data: stamp }]);
    given(registered).when({ type: 'ReactivateUser', ...stamp }).then([]);
    given(registered, { type: 'UserDeactivated', data: stamp }).when({ type: 'ReactivateUser', ...stamp }).then([{ type: 'UserReactivated', data: stamp }]);
  });

  it('records a login attempt as it was decided', () => {
    const attempt = { ...stamp, actor: 'system', outcome: 'failed' as const, reason: 'wrong_password' as const, policy: 'static:global' };
    given(registered).when({ type: 'RecordLoginAttempt', attempt }).then([{ type: 'LoginAttempted', data: attempt }]);
  });
});

describe('User state', () => {
  it('is derived from events only, and a password change starts a new session era', () => {
    const later = '2022-09-30T00:00:00.000Z';
    const state = [registered, { type: 'PasswordChanged', data: { at: later, actor: 'alice', passwordHash: 'h2' } } as UserEvent].reduce(
      evolveUser,
      initialUserState(),
    );
    expect(state).toMatchObject({ status: 'active', passwordHash: 'h2', sessionsValidFrom: later });
  });

  it('ignores events before registration instead of throwing', () => {
    expect(evolveUser(initialUserState(), { type: 'StaffGranted', data: stamp })).toEqual({ status: 'unregistered' });
  });
});
