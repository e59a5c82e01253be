import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { HttpProblem, problem, type FieldError } from './problem';

/** Keys that could reach an object's prototype if ever assigned with `obj[key] = value`. */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/**
 * Turns parsed JSON (or a parsed query string) into a validated DTO instance, or throws a 400.
 *
 * JSON.parse makes `"__proto__"` an own data property, and class-transformer silently drops it,
 * so such keys are looked for first, at any depth, and refused rather than ignored. The DTO is then
 * built from a null-prototype copy, so nothing in the input can be inherited or inherit.
 */
export async function toDto<T extends object>(dto: ClassConstructor<T>, input: unknown, what: 'body' | 'query'): Promise<T> {
  if (!isPlainObject(input)) throw new HttpProblem(problem(400, `request ${what} must be a JSON object`));
  const forbidden = findForbiddenKey(input, '');
  if (forbidden !== null) {
    throw new HttpProblem(problem(400, `request ${what} is invalid`, [{ field: forbidden, message: 'property name is not allowed' }]));
  }
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(input)) copy[key] = input[key];
  const instance = plainToInstance(dto, copy, { enableImplicitConversion: false });
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    validationError: { target: false, value: false },
  });
  if (errors.length > 0) throw new HttpProblem(problem(400, `request ${what} is invalid`, flatten(errors, '')));
  return instance;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function findForbiddenKey(value: unknown, path: string): string | null {
  if (typeof value !== 'object' || value === null) return null;
  for (const key of Object.keys(value)) {
    const here = path === '' ? key : `${path}.${key}`;
    if (FORBIDDEN_KEYS.has(key)) return here;
    const found = findForbiddenKey((value as Record<string, unknown>)[key], here);
    if (found !== null) return found;
  }
  return null;
}

/** Messages come from the DTOs' own decorators, none of which quotes `$value`. */
function flatten(errors: readonly ValidationError[], prefix: string): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix === '' ? error.property : `${prefix}.${error.property}`;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ field, message }));
    return [...own, ...flatten(error.children ?? [], field)];
  });
}
