import { asUserEvent } from '../handleUserCommand';
import type { RecordedEvent } from '../ports/eventStore';
import type { UserView } from '../ports/readModels';
import { usernameKeyOfStream } from '../streams';

/** Pure: the user document after one more event of its stream (null: no user yet). */
export function evolveUserView(doc: UserView | null, recorded: RecordedEvent): UserView | null {
  const key = usernameKeyOfStream(recorded.streamId);
  const event = asUserEvent(recorded);
  if (key === null || event === null) return doc;
  if (event.type === 'UserRegistered') {
    const { username, staff } = event.data;
    return { key, username, staff, active: true, dynamicPassword: { mode: 'default' } };
  }
  if (doc === null) return null;
  switch (event.type) {
    case 'StaffGranted':
      return { ...doc, staff: true };
    case 'StaffRevoked':
      return { ...doc, staff: false };
    case 'DynamicPasswordEnabled':
      return { ...doc, dynamicPassword: { mode: 'enabled', pattern: event.data.pattern, timeZone: event.data.timeZone } };
    case 'DynamicPasswordDisabled':
      return { ...doc, dynamicPassword: { mode: 'disabled' } };
    case 'DynamicPasswordSettingCleared':
      return { ...doc, dynamicPassword: { mode: 'default' } };
    case 'UserDeactivated':
      return { ...doc, active: false };
    case 'UserReactivated':
      return { ...doc, active: true };
    case 'PasswordChanged':
    case 'LoginAttempted':
    case 'AccountLocked':
    case 'AccountUnlocked':
      return doc;
    default: {
      const unknown: never = event;
      void unknown;
      return doc;
    }
  }
}
