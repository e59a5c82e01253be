import { DomainError } from './errors';

/** NIST 800-63B: at least 8 characters, and at least 64 accepted. The cap bounds hashing cost. */
export const MIN_PASSWORD_LENGTH = 8;
export const MAX_PASSWORD_LENGTH = 128;

/** Checks a new static password; the plain text never leaves the caller. */
export function checkNewPassword(plain: string): void {
  const length = [...plain].length;
  if (length < MIN_PASSWORD_LENGTH || length > MAX_PASSWORD_LENGTH) {
    throw new DomainError(
      'invalid_password',
      `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
  if (/[\u0000-\u001f\u007f]/.test(plain) || !plain.isWellFormed()) {
    throw new DomainError('invalid_password', 'password must not contain control characters or lone surrogates');
  }
}
