import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TokenService } from '../../application/ports/tokens';

interface Claims {
  readonly sub: string;
  /** Milliseconds since the epoch. */
  readonly iat: number;
  readonly exp: number;
}

/** `v1.<claims, base64url JSON>.<HMAC-SHA256, base64url>`: stateless, verified in constant time. */
export class HmacTokenService implements TokenService {
  constructor(
    private readonly key: Buffer,
    private readonly ttlSeconds: number,
  ) {}

  issue(subject: string, issuedAt: Date): { token: string; expiresAt: Date } {
    const expiresAt = new Date(issuedAt.getTime() + this.ttlSeconds * 1000);
    const claims: Claims = { sub: subject, iat: issuedAt.getTime(), exp: expiresAt.getTime() };
    const body = `v1.${Buffer.from(JSON.stringify(claims)).toString('base64url')}`;
    return { token: `${body}.${this.sign(body)}`, expiresAt };
  }

  read(token: string, now: Date): { subject: string; issuedAt: Date } | null {
    const parts = token.split('.');
    // One spelling per token: unpadded base64url, a 256-bit signature in exactly 43 characters.
    if (parts.length !== 3 || parts[0] !== 'v1' || !/^[A-Za-z0-9_-]+$/.test(parts[1]) || !/^[A-Za-z0-9_-]{43}$/.test(parts[2])) return null;
    const body = `${parts[0]}.${parts[1]}`;
    const given = Buffer.from(parts[2], 'utf8');
    const expected = Buffer.from(this.sign(body), 'utf8');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const claims = parseClaims(parts[1]);
    if (!claims || now.getTime() >= claims.exp) return null;
    return { subject: claims.sub, issuedAt: new Date(claims.iat) };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

function parseClaims(encoded: string): Claims | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(encoded, 'base64url').toString('utf8'));
    if (typeof value !== 'object' || value === null) return null;
    const { sub, iat, exp } = value as Record<string, unknown>;
    return typeof sub === 'string' && typeof iat === 'number' && typeof exp === 'number' ? { sub, iat, exp } : null;
  } catch {
    return null;
  }
}
