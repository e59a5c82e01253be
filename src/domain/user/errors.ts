/** Domain errors carry a code; interfaces/http maps codes to statuses. */
export type DomainErrorCode =
  | 'invalid_username'
  | 'invalid_password'
  | 'invalid_pattern'
  | 'pattern_without_time_part'
  | 'invalid_time_zone'
  | 'username_taken'
  | 'user_not_found';

export class DomainError extends Error {
  override readonly name = 'DomainError';
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
  }
}
