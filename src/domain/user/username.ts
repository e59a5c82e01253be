import { DomainError } from './errors';

/**
 * Usernames are NFKC-normalised and compared without case. Only a small ASCII alphabet survives
 * normalisation: look-alike letters from other scripts and invisible characters are refused rather
 * than silently merged, so two names that look the same are the same name or no name at all.
 */
const ALLOWED = /^[A-Za-z0-9][A-Za-z0-9._@+-]{0,63}$/;

export interface Username {
  /** As the user wrote it, after NFKC. */
  readonly display: string;
  /** Case-folded identity: unique across the system, used in stream names. */
  readonly key: string;
}

export function parseUsername(raw: string): Username {
  const display = raw.normalize('NFKC');
  if (!ALLOWED.test(display)) {
    throw new DomainError(
      'invalid_username',
      'username must be 1-64 characters of A-Z a-z 0-9 . _ @ + - (after NFKC), starting with a letter or digit',
    );
  }
  return { display, key: display.toLowerCase() };
}

/** The key an arbitrary login name is counted under, valid or not. */
export function loginKey(raw: string): string {
  return raw.normalize('NFKC').toLowerCase();
}
