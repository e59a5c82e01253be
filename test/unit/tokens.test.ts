import { HmacTokenService } from '../../src/infrastructure/tokens/hmacTokens';

describe('HMAC tokens', () => {
  const tokens = new HmacTokenService(Buffer.alloc(32, 3), 900);
  const issuedAt = new Date('2022-09-29T08:01:00Z');
  const { token, expiresAt } = tokens.issue('alice', issuedAt);

  it('read back their subject and time of issue until they expire', () => {
    expect(tokens.read(token, issuedAt)).toEqual({ subject: 'alice', issuedAt });
    expect(tokens.read(token, new Date(expiresAt.getTime() - 1))).not.toBeNull();
    expect(tokens.read(token, expiresAt)).toBeNull();
  });

  it('refuse another key, changed claims, and any second spelling of the signature', () => {
    expect(new HmacTokenService(Buffer.alloc(32, 4), 900).read(token, issuedAt)).toBeNull();
    const [version, claims, signature] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'admin', iat: issuedAt.getTime(), exp: expiresAt.getTime() })).toString('base64url');
    expect(tokens.read(`${version}.${forged}.${signature}`, issuedAt)).toBeNull();
    // 256 bits in 43 characters leave the last one 2 spare bits: flipping one decodes to the same bytes.
    const last = signature.at(-1)!;
    expect('AEIMQUYcgkosw048').toContain(last);
    const sibling = String.fromCharCode(last.charCodeAt(0) + 1);
    expect(Buffer.from(`${signature.slice(0, -1)}${sibling}`, 'base64url')).toEqual(Buffer.from(signature, 'base64url'));
    expect(tokens.read(`${version}.${claims}.${signature.slice(0, -1)}${sibling}`, issuedAt)).toBeNull();
    expect(tokens.read(`${token}=`, issuedAt)).toBeNull();
    expect(tokens.read(`v2.${claims}.${signature}`, issuedAt)).toBeNull();
  });
});
