/** Salted slow hashing. Every call is one unit of slow work; callers budget them. */
export interface PasswordHasher {
  /** A PHC string (e.g. `$argon2id$v=19$m=19456,t=2,p=1$...`). */
  hash(plain: string): Promise<string>;
  /** Never throws on a malformed or foreign hash; returns false. */
  verify(phc: string, plain: string): Promise<boolean>;
  /** A valid hash of a random secret, made once, to verify against when there is no real one. */
  dummyHash(): Promise<string>;
}
