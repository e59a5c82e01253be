import { ValidateBy, type ValidationOptions } from 'class-validator';

const DIGITS = /^[0-9]{1,20}$/;

/**
 * A query-string integer written with ASCII digits only (no sign, point, exponent or `0x`), and
 * compared as a bigint, so values past 2^53 are judged exactly rather than rounded.
 */
export function isDecimalBetween(value: unknown, min: bigint, max: bigint): value is string {
  if (typeof value !== 'string' || !DIGITS.test(value)) return false;
  const n = BigInt(value);
  return n >= min && n <= max;
}

export function IsDecimalBetween(min: bigint, max: bigint, options: ValidationOptions): PropertyDecorator {
  return ValidateBy({ name: 'isDecimalBetween', validator: { validate: (value) => isDecimalBetween(value, min, max) } }, options);
}
