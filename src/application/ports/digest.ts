/** A keyed one-way digest (HMAC) for values that must group in the audit but never be readable. */
export interface KeyedDigest {
  digest(text: string): string;
}
