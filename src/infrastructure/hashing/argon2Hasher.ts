import { randomBytes } from 'node:crypto';
import { hash, verify, Algorithm, type Options } from '@node-rs/argon2';
import type { PasswordHasher } from '../../application/ports/passwordHasher';

export type HashCost = 'owasp' | 'test';

/** OWASP's argon2id minimum (m=19 MiB, t=2, p=1); `test` is cheap and for the test suite only. */
const COSTS: Record<HashCost, Options> = {
  owasp: { algorithm: Algorithm.Argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 },
  test: { algorithm: Algorithm.Argon2id, memoryCost: 1024, timeCost: 1, parallelism: 1 },
};

export class Argon2Hasher implements PasswordHasher {
  private readonly options: Options;
  private dummy: Promise<string> | undefined;

  constructor(cost: HashCost) {
    this.options = COSTS[cost];
  }

  /** NFKC first (NIST 800-63B 5.1.1.2), so one password typed on two keyboards is one password. */
  hash(plain: string): Promise<string> {
    return hash(plain.normalize('NFKC'), this.options);
  }

  async verify(phc: string, plain: string): Promise<boolean> {
    try {
      return await verify(phc, plain.normalize('NFKC'));
    } catch {
      return false;
    }
  }

  /** Same parameters as real hashes, so verifying against it costs what a real check costs. */
  dummyHash(): Promise<string> {
    this.dummy ??= hash(randomBytes(32).toString('base64'), this.options);
    return this.dummy;
  }
}
