import { IsIn, IsString, MaxLength, ValidateIf } from 'class-validator';
import type { AuditQuery } from '../../../application/queries/queryAudit';
import { LOGIN_FAILURE_REASONS, USER_EVENT_TYPES } from '../../../domain/user/events';
import { IsDecimalBetween } from './decimal';
import { IsInstant, normalizeInstant } from './instant';

export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 500;
const MAX_POSITION = 2n ** 63n - 1n;
const present = (_: object, value: unknown) => value !== undefined;
/** Why a login failed, or why an account was locked. */
const AUDIT_REASONS = [...LOGIN_FAILURE_REASONS, 'too_many_failures', 'failure_cap'];

/** Paging only: /alerts takes nothing else. Decorators run bottom-up, so each
 * field's type is checked before its length. */
export class AlertQueryParams {
  @ValidateIf(present)
  @IsDecimalBetween(1n, BigInt(MAX_AUDIT_LIMIT), { message: `limit must be an integer from 1 to ${MAX_AUDIT_LIMIT}` })
  limit?: string;

  @ValidateIf(present)
  @IsDecimalBetween(0n, MAX_POSITION, { message: 'cursor must be a nextCursor from a previous page' })
  cursor?: string;
}

/** Query-string values arrive as strings (or arrays when repeated, which IsString refuses). */
export class AuditQueryParams extends AlertQueryParams {
  @ValidateIf(present)
  @MaxLength(256, { message: 'username must be at most 256 characters' })
  @IsString({ message: 'username must be a string' })
  username?: string;

  @ValidateIf(present)
  @IsIn(USER_EVENT_TYPES, { message: `type must be one of ${USER_EVENT_TYPES.join(', ')}` })
  type?: string;

  @ValidateIf(present)
  @IsIn(['succeeded', 'failed'], { message: 'outcome must be succeeded or failed' })
  outcome?: 'succeeded' | 'failed';

  @ValidateIf(present)
  @IsIn(AUDIT_REASONS, { message: `reason must be one of ${AUDIT_REASONS.join(', ')}` })
  reason?: string;

  @ValidateIf(present)
  @IsInstant({ message: 'from must be an RFC 3339 date-time with an offset' })
  from?: string;

  @ValidateIf(present)
  @IsInstant({ message: 'to must be an RFC 3339 date-time with an offset' })
  to?: string;

}

/** Call only on a validated instance: every present field has passed its check. */
export function toAuditQuery(params: AuditQueryParams | AlertQueryParams): AuditQuery {
  const filters: AuditQueryParams = params;
  const from = filters.from === undefined ? undefined : normalizeInstant(filters.from, 'from');
  const to = filters.to === undefined ? undefined : normalizeInstant(filters.to, 'to');
  return {
    ...(filters.username !== undefined && { username: filters.username }),
    ...(filters.type !== undefined && { type: filters.type }),
    ...(filters.outcome !== undefined && { outcome: filters.outcome }),
    ...(filters.reason !== undefined && { reason: filters.reason }),
    ...(from != null && { from }),
    ...(to != null && { to }),
    limit: params.limit === undefined ? DEFAULT_AUDIT_LIMIT : Number(params.limit),
    ...(params.cursor !== undefined && { cursor: BigInt(params.cursor) }),
  };
}
