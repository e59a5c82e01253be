import { Argon2Hasher } from '../../src/infrastructure/hashing/argon2Hasher';

describe('argon2id hasher', () => {
  const hasher = new Argon2Hasher('test');

  it('stores a salted PHC string and verifies only the same password', async () => {
    const [first, second] = await Promise.all([hasher.hash('correct horse'), hasher.hash('correct horse')]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$/);
    expect(first).not.toBe(second);
    expect(await hasher.verify(first, 'correct horse')).toBe(true);
    expect(await hasher.verify(first, 'correct horsE')).toBe(false);
  });

  it('treats canonically equivalent spellings as one password (NFKC)', async () => {
    const phc = await hasher.hash('caf\u00e9-password');
    expect(await hasher.verify(phc, 'cafe\u0301-password')).toBe(true);
  });

  it('answers false, never throws, for a malformed hash', async () => {
    expect(await hasher.verify('not-a-phc-string', 'x')).toBe(false);
  });

  it('uses OWASP parameters at the owasp cost', async () => {
    expect(await new Argon2Hasher('owasp').dummyHash()).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
  });
});
