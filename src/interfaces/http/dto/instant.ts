import { ValidateBy, type ValidationOptions } from 'class-validator';

/** RFC 3339 date-time: a full date, a time, and an offset (an instant, not a local time). */
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,9}))?(?:Z|[+-](\d{2}):(\d{2}))$/;

/**
 * Event times are stored as `toISOString()` strings (UTC, milliseconds), so a bound is normalised
 * to that form. A sub-millisecond lower bound rounds up and an upper one down, which keeps both
 * inclusive bounds exact. Returns null for anything that is not a real instant (Feb 30, 24:00…),
 * which Date.parse alone would accept and roll over.
 */
export function normalizeInstant(text: string, bound: 'from' | 'to'): string | null {
  const m = RFC3339.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1, 7).map(Number);
  const [offsetHours, offsetMinutes] = [Number(m[8] ?? 0), Number(m[9] ?? 0)];
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return null;
  if (hour > 23 || minute > 59 || second > 59 || offsetHours > 23 || offsetMinutes > 59) return null;
  let ms = Date.parse(text);
  if (Number.isNaN(ms)) return null;
  if (bound === 'from' && /[1-9]/.test((m[7] ?? '').slice(3))) ms += 1;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

function daysIn(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
}

export function IsInstant(options: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    { name: 'isInstant', validator: { validate: (value) => typeof value === 'string' && normalizeInstant(value, 'to') !== null } },
    options,
  );
}
