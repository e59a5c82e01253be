/** Bearer tokens: signed, expiring, carrying only the username key and the time of issue. */
export interface TokenService {
  issue(subject: string, issuedAt: Date): { token: string; expiresAt: Date };
  /** The token's claims if its signature holds and it has not expired at `now`; else null. */
  read(token: string, now: Date): { subject: string; issuedAt: Date } | null;
}
