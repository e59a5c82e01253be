import { knownZone } from './zoneAbbreviation';

/** Wall-clock fields of an instant in a zone, as CPython's zoneinfo would convert it. */
export interface LocalTime {
  readonly year: number;
  readonly month: number; // 1..12
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  readonly millisecond: number;
  readonly weekday: number; // 0 = Sunday
  readonly dayOfYear: number; // 1..366
  readonly offsetSeconds: number; // local - UTC
  readonly epochSeconds: number;
  readonly timeZone: string;
}

// ICU only tells the offset ("GMT+05:45", with seconds for old local mean times); the calendar
// fields are derived from it here, so they are proleptic Gregorian like Python's, at any date.
const OFFSET = /GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** Throws a RangeError for a zone Intl does not know. Formatters are costly to build: one per zone. */
export function offsetFormatter(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function offsetSeconds(formatter: Intl.DateTimeFormat, epochMs: number): number {
  const text = formatter.format(epochMs);
  const match = OFFSET.exec(text);
  if (match === null) throw new Error(`unexpected ICU offset format: ${text}`);
  const [, sign, hours, minutes, seconds] = match;
  if (sign === undefined) return 0;
  const magnitude = Number(hours) * 3600 + Number(minutes) * 60 + Number(seconds ?? 0);
  return sign === '-' ? -magnitude : magnitude;
}

const DAYS_BEFORE_MONTH = [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];
const isLeap = (year: number): boolean => year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);

export function daysInYear(year: number): number {
  return isLeap(year) ? 366 : 365;
}

export function localTime(at: Date, timeZone: string): LocalTime {
  const epochMs = at.getTime();
  if (!Number.isFinite(epochMs)) throw new RangeError('invalid Date');
  const offset = offsetSeconds(offsetFormatter(timeZone), epochMs);
  const wall = new Date(epochMs + offset * 1000);
  const year = wall.getUTCFullYear();
  // Python's datetime stops there; strftime output outside it would have no reference.
  if (year < 1 || year > 9999) throw new RangeError('instant is outside the years 1..9999');
  const month = wall.getUTCMonth() + 1;
  const day = wall.getUTCDate();
  const leapDay = month > 2 && isLeap(year) ? 1 : 0;
  return {
    year,
    month,
    day,
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
    millisecond: wall.getUTCMilliseconds(),
    weekday: wall.getUTCDay(),
    dayOfYear: DAYS_BEFORE_MONTH[month - 1] + day + leapDay,
    offsetSeconds: offset,
    epochSeconds: Math.floor(epochMs / 1000),
    timeZone,
  };
}

const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** An IANA zone name (including "UTC" and links such as "US/Eastern") that Intl accepts,
 * spelled as in the tz database: ICU also takes "utc" or "america/new_york", zoneinfo does not. */
export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || !ZONE_NAME.test(tz)) return false;
  let canonical: string;
  try {
    // Not cached: this runs on untrusted input, and each formatter holds ICU memory.
    canonical = new Intl.DateTimeFormat('en-US', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    return false;
  }
  return knownZone(tz) || canonical === tz;
}
