/** A pattern that dynpass cannot render exactly as CPython would. The message names the
 * offending directive and why; it is built from the pattern (and zone) only, never a password. */
export class PatternError extends Error {
  readonly code = 'invalid_pattern' as const;

  constructor(
    message: string,
    readonly directive?: string,
  ) {
    super(message);
    this.name = 'PatternError';
  }
}
