import type { PasswordHasher } from '../../src/application/ports/passwordHasher';
import { Argon2Hasher } from '../../src/infrastructure/hashing/argon2Hasher';

/** The real argon2id hasher at test cost, counting every slow verification. */
export class CountingHasher implements PasswordHasher {
  private readonly real = new Argon2Hasher('test');
  verifications = 0;
  /** Verifications against a real stored hash, not the dummy. */
  realVerifications = 0;

  hash(plain: string): Promise<string> {
    return this.real.hash(plain);
  }
  async verify(phc: string, plain: string): Promise<boolean> {
    this.verifications += 1;
    if (phc !== (await this.real.dummyHash())) this.realVerifications += 1;
    return this.real.verify(phc, plain);
  }
  dummyHash(): Promise<string> {
    return this.real.dummyHash();
  }
}
