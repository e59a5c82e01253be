import { checkNewPassword } from '../../../src/domain/user/password';
import { loginKey, parseUsername } from '../../../src/domain/user/username';

describe('usernames', () => {
  it('normalise full-width forms with NFKC and compare without case', () => {
    expect(parseUsername('Ａｌｉｃｅ')).toEqual({ display: 'Alice', key: 'alice' });
    expect(parseUsername('ALICE').key).toBe(parseUsername('alice').key);
  });

  it.each([
    ['zero-width space', 'ali\u200bce'],
    ['Cyrillic look-alike a', 'аlice'],
    ['NUL', 'ali\u0000ce'],
    ['space', 'ali ce'],
    ['empty', ''],
    ['65 characters', 'a'.repeat(65)],
    ['leading dot', '.alice'],
  ])('refuse %s', (_label, raw) => {
    expect(() => parseUsername(raw)).toThrow(expect.objectContaining({ code: 'invalid_username' }));
  });

  it('count any login name under its normalised key', () => {
    expect(loginKey('Ａｌｉｃｅ')).toBe('alice');
  });
});

describe('new passwords', () => {
  it('accept 8 to 128 characters, including 64', () => {
    expect(() => checkNewPassword('x'.repeat(8))).not.toThrow();
    expect(() => checkNewPassword('x'.repeat(64))).not.toThrow();
    expect(() => checkNewPassword('x'.repeat(128))).not.toThrow();
  });
  it('refuse too short, too long and control characters', () => {
    for (const bad of ['x'.repeat(7), 'x'.repeat(129), 'abc\u0000defgh', 'abcdefgh\ud800']) {
      expect(() => checkNewPassword(bad)).toThrow(expect.objectContaining({ code: 'invalid_password' }));
    }
  });
});
