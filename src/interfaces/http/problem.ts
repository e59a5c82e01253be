import { STATUS_CODES } from 'node:http';
import type { Response } from 'express';
import { AccessDenied } from '../../application/principal';
import { DomainError, type DomainErrorCode } from '../../domain/user/errors';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../domain/user/password';

/** RFC 9457 problem details. `errors` lists validation failures by field, never their values. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly errors?: readonly FieldError[];
}

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json; charset=utf-8';

export function problem(status: number, detail: string, errors?: readonly FieldError[]): Problem {
  return { type: 'about:blank', title: STATUS_CODES[status] ?? 'Error', status, detail, ...(errors && { errors }) };
}

export function sendProblem(res: Response, body: Problem): void {
  if (body.status === 401) res.set('WWW-Authenticate', 'Bearer');
  res.status(body.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(body));
}

/** An expected client error raised by this layer itself (validation, media type). */
export class HttpProblem extends Error {
  override readonly name = 'HttpProblem';
  constructor(readonly problem: Problem) {
    super(problem.detail);
  }
}

/**
 * Details are fixed per code rather than copied from error messages: a message written elsewhere
 * may one day quote a value (a pattern, a password), and a response must never echo one.
 */
const DOMAIN: Record<DomainErrorCode, [number, string]> = {
  invalid_username: [400, 'username must be 1-64 characters of A-Z a-z 0-9 . _ @ + - , starting with a letter or digit'],
  invalid_password: [400, `password must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters without control characters`],
  invalid_pattern: [400, 'pattern is not a valid dynamic password pattern (check it with `dynpass render --pattern`)'],
  pattern_without_time_part: [400, 'the pattern has no time part (or none is given and the global one has none): the plain password would do'],
  invalid_time_zone: [400, 'timeZone must be an IANA time zone name'],
  username_taken: [409, 'username is taken'],
  user_not_found: [404, 'no such user'],
};

/** body-parser's error types; its messages and `body` field may quote the request, so neither is used. */
const PARSER: Record<string, [number, string]> = {
  'entity.parse.failed': [400, 'request body is not valid JSON'],
  'entity.too.large': [413, 'request body is too large'],
  'charset.unsupported': [415, 'request body must be UTF-8 JSON'],
  'encoding.unsupported': [415, 'unsupported content encoding'],
  'request.aborted': [400, 'request body was not received'],
  'request.size.invalid': [400, 'request body length does not match Content-Length'],
  'stream.encoding.set': [500, 'internal error'],
};

/** Maps a thrown value to a problem; null means "unexpected": answer 500 and log it. */
export function problemFromError(err: unknown): Problem | null {
  if (err instanceof HttpProblem) return err.problem;
  if (err instanceof AccessDenied) {
    return err.code === 'unauthenticated'
      ? problem(401, 'a valid bearer token is required')
      : problem(403, 'not allowed');
  }
  if (err instanceof DomainError) {
    const [status, detail] = DOMAIN[err.code] ?? [500, 'internal error'];
    return status === 500 ? null : problem(status, detail);
  }
  if (isPatternError(err)) return problem(...DOMAIN.invalid_pattern);
  return clientErrorFromExpress(err);
}

/**
 * PatternError (domain/dynamicPassword/pattern.ts) is recognised by its code rather than by class:
 * it is the one error in the domain that carries `code: 'invalid_pattern'` without being a DomainError.
 */
function isPatternError(err: unknown): boolean {
  return err instanceof Error && (err as { code?: unknown }).code === 'invalid_pattern';
}

/**
 * body-parser raises http-errors with a `type`; the router marks a path it cannot percent-decode
 * with `status` 400 only. Their messages quote the input, so only the status phrase is sent.
 */
function clientErrorFromExpress(err: unknown): Problem | null {
  if (!(err instanceof Error)) return null;
  const { type, status } = err as { type?: unknown; status?: unknown };
  if (typeof type === 'string' && type in PARSER) {
    const [code, detail] = PARSER[type];
    return code === 500 ? null : problem(code, detail);
  }
  if (typeof status === 'number' && Number.isInteger(status) && status >= 400 && status < 500) {
    return problem(status, STATUS_CODES[status] ?? 'client error');
  }
  return null;
}
