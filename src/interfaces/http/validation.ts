import { plainToInstance, type ClassConstructor } from 'class-transformer';
import { validate, type ValidationError } from 'class-validator';
import { HttpProblem, problem, type FieldError } from './problem';

/** Keys that could reach an object's prototype if ever assigned with `obj[key] = value`. */
/**
 * Keys class-transformer would drop before the unknown-field check could see them: the prototype
 * chain's names (toString, valueOf, hasOwnProperty, __defineGetter__, ...) and 'prototype'.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'prototype', ...Object.getOwnPropertyNames(Object.prototype)]);

/** Objects and arrays inside one another; every DTO here is one flat object of scalars. */
const MAX_DEPTH = 32;

/**
 * Turns parsed JSON (or a parsed query string) into a validated DTO instance, or throws a 400.
 *
 * JSON.parse makes `"__proto__"` an own data property, and class-transformer silently drops it,
 * so such keys are looked for first, at any depth, and refused rather than ignored. Nesting deeper
 * than MAX_DEPTH is refused too: class-transformer recurses into every nested value, and a 16 kB
 * body of `[` is enough to exhaust the stack (a 500). The DTO is then built from a null-prototype
 * copy, so nothing in the input can be inherited or inherit.
 */
export async function toDto<T extends object>(dto: ClassConstructor<T>, input: unknown, what: 'body' | 'query'): Promise<T> {
  if (!isPlainObject(input)) throw new HttpProblem(problem(400, `request ${what} must be a JSON object`));
  const found = inspect(input);
  if (found === 'too_deep') throw new HttpProblem(problem(400, `request ${what} is nested too deeply`));
  if (found !== null) {
    throw new HttpProblem(problem(400, `request ${what} is invalid`, [{ field: found.forbidden, message: 'property name is not allowed' }]));
  }
  const copy: Record<string, unknown> = Object.create(null);
  for (const key of Object.keys(input)) copy[key] = input[key];
  const instance = plainToInstance(dto, copy, { enableImplicitConversion: false });
  const errors = await validate(instance, {
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    // One message per field: "must be a string" alone, not also "at most N characters".
    stopAtFirstError: true,
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

/**
 * Walks the input with an explicit stack, never recursion, so its depth costs no call stack: the
 * first forbidden key found, 'too_deep', or null.
 */
function inspect(input: object): { forbidden: string } | 'too_deep' | null {
  const pending: [value: object, path: string, depth: number][] = [[input, '', 1]];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    const [value, path, depth] = next;
    if (depth > MAX_DEPTH) return 'too_deep';
    for (const key of Object.keys(value)) {
      const here = path === '' ? key : `${path}.${key}`;
      if (FORBIDDEN_KEYS.has(key)) return { forbidden: here };
      const child: unknown = (value as Record<string, unknown>)[key];
      if (typeof child === 'object' && child !== null) pending.push([child, here, depth + 1]);
    }
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
