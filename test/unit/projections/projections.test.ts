import type { RecordedEvent } from '../../../src/application/ports/eventStore';
import { auditEntryOf } from '../../../src/application/projections/audit';
import { evolveUserView } from '../../../src/application/projections/users';
import type { UserEvent } from '../../../src/domain/user/events';

const at = '2022-09-29T08:01:00.000Z';
let position = 0n;
function recorded(streamId: string, event: UserEvent, revision = 0n): RecordedEvent {
  position += 1n;
  return { id: `id-${position}`, streamId, revision, position, type: event.type, data: event.data, metadata: { actor: event.data.actor, schemaVersion: 1 }, recordedAt: at };
}

const history = [
  recorded('user-alice', { type: 'UserRegistered', data: { at, actor: 'admin', username: 'Alice', staff: false, passwordHash: 'h' } }),
  recorded('user-alice', { type: 'StaffGranted', data: { at, actor: 'admin' } }, 1n),
  recorded('user-alice', { type: 'DynamicPasswordEnabled', data: { at, actor: 'admin', pattern: '%d<PASSWORD>' } }, 2n),
  recorded('user-alice', { type: 'UserDeactivated', data: { at, actor: 'admin' } }, 3n),
  recorded('user-alice', { type: 'LoginAttempted', data: { at, actor: 'system', outcome: 'failed', reason: 'inactive', policy: 'none', ip: '127.0.0.1' } }, 4n),
];

describe('users projection', () => {
  it('folds a user stream into its document', () => {
    expect(history.reduce(evolveUserView, null)).toEqual({
      key: 'alice',
      username: 'Alice',
      staff: true,
      active: false,
      dynamicPassword: { mode: 'enabled', pattern: '%d<PASSWORD>' },
    });
  });

  it('never holds a password hash', () => {
    expect(JSON.stringify(history.reduce(evolveUserView, null))).not.toContain('passwordHash');
  });

  it('ignores streams that are not users and events before registration', () => {
    const stray = recorded('unknownlogin-abc', { type: 'LoginAttempted', data: { at, actor: 'system', outcome: 'failed', reason: 'unknown_user', policy: 'none' } });
    expect(evolveUserView(null, stray)).toBeNull();
    expect(evolveUserView(null, history[1])).toBeNull();
  });
});

describe('audit projection', () => {
  it('gives one line per user event, with outcome, reason and address where there are any', () => {
    expect(history.map(auditEntryOf).at(-1)).toEqual({
      position: history[4].position,
      at,
      type: 'LoginAttempted',
      username: 'alice',
      actor: 'system',
      outcome: 'failed',
      reason: 'inactive',
      ip: '127.0.0.1',
    });
    expect(history.map(auditEntryOf).every((entry) => entry !== null)).toBe(true);
  });

  it('names attempts on unknown names by their digest only', () => {
    const event = recorded('unknownlogin-0123abcd', { type: 'LoginAttempted', data: { at, actor: 'system', outcome: 'failed', reason: 'unknown_user', policy: 'none', usernameDigest: '0123abcd' } });
    expect(auditEntryOf(event)).toMatchObject({ username: '#0123abcd', reason: 'unknown_user' });
  });
});
