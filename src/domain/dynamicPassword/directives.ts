import { zoneAbbreviation } from './zoneAbbreviation';
import { daysInYear, type LocalTime } from './zonedTime';

/* The strftime directives CPython 3.11 accepts on glibc, rendered as glibc prints them in the C
 * locale (checked against the oracle, e.g. %Y, %G and %C print no leading zeros before year 1000,
 * "%#p" is "am", "%^c" upper-cases the whole date, "-" "_" "0" pad only numbers). */

export type Flag = '-' | '_' | '0' | '^' | '#';
export const FLAGS: ReadonlySet<string> = new Set<Flag>(['-', '_', '0', '^', '#']);

/** The calendar unit within which a directive's text cannot change ('none': it never does, or
 * only with the UTC offset). Weeks and years come in the variants the directives count in. */
export type WindowUnit =
  | 'second' | 'minute' | 'hour' | 'half_day' | 'day'
  | 'week_sun' | 'week_mon' | 'iso_week' | 'month' | 'year' | 'iso_year' | 'none';

export type Render = (t: LocalTime) => string;

export interface DirectiveSpec {
  readonly unit: WindowUnit;
  readonly takesFlags: boolean;
  /** A string for text that never depends on the instant (%n, %t, %%). */
  readonly compile: (flag?: Flag) => Render | string;
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August',
  'September', 'October', 'November', 'December'];

const pad = (value: number, width: number, fill: string): string => {
  const digits = String(value);
  return fill === '' || digits.length >= width ? digits : fill.repeat(width - digits.length) + digits;
};

const numeric = (unit: WindowUnit, width: number, fill: '0' | ' ', get: (t: LocalTime) => number): DirectiveSpec => ({
  unit,
  takesFlags: true,
  compile: (flag) => {
    const chosen = flag === '-' ? '' : flag === '_' ? ' ' : flag === '0' ? '0' : fill;
    return (t) => pad(get(t), width, chosen);
  },
});

// glibc prints these years with as many digits as they have, whatever the flag.
const yearish = (unit: WindowUnit, get: (t: LocalTime) => number): DirectiveSpec => ({
  unit,
  takesFlags: true,
  compile: () => (t) => String(get(t)),
});

// "^" and "#" both upper-case a name; the other flags leave it alone.
const name = (unit: WindowUnit, get: (t: LocalTime) => string): DirectiveSpec => ({
  unit,
  takesFlags: true,
  compile: (flag) => (flag === '^' || flag === '#' ? (t) => get(t).toUpperCase() : get),
});

const constant = (text: string, takesFlags: boolean): DirectiveSpec => ({
  unit: 'none',
  takesFlags,
  compile: () => text,
});

// Composites expand like glibc's sub-formats; only "^" reaches them (upper-cases the result).
const composite = (unit: WindowUnit, format: string): DirectiveSpec => ({
  unit,
  takesFlags: true,
  compile: (flag) => {
    const parts = format.split(/(%.)/).filter((part) => part !== '')
      .map((part) => (part.startsWith('%') ? DIRECTIVES[part[1]].compile() : part));
    const render: Render = (t) => {
      let text = '';
      for (const part of parts) text += typeof part === 'string' ? part : part(t);
      return text;
    };
    return flag === '^' ? (t) => render(t).toUpperCase() : render;
  },
});

const hour12 = (t: LocalTime): number => t.hour % 12 || 12;
const amPm = (t: LocalTime): string => (t.hour < 12 ? 'AM' : 'PM');
const mondayBased = (t: LocalTime): number => (t.weekday + 6) % 7;

/** ISO 8601 week-numbering year and week: the week belongs to the year of its Thursday. */
function isoWeek(t: LocalTime): { readonly year: number; readonly week: number } {
  let year = t.year;
  let thursday = t.dayOfYear - mondayBased(t) + 3;
  if (thursday < 1) {
    year -= 1;
    thursday += daysInYear(year);
  } else if (thursday > daysInYear(year)) {
    thursday -= daysInYear(year);
    year += 1;
  }
  return { year, week: Math.floor((thursday - 1) / 7) + 1 };
}

export const weekOfYearSunday = (t: LocalTime): number => Math.floor((t.dayOfYear + 6 - t.weekday) / 7);
export const weekOfYearMonday = (t: LocalTime): number => Math.floor((t.dayOfYear + 6 - mondayBased(t)) / 7);
export const isoWeekYear = (t: LocalTime): number => isoWeek(t).year;
export const isoWeekNumber = (t: LocalTime): number => isoWeek(t).week;

const offsetText = (t: LocalTime): string => {
  const magnitude = Math.abs(t.offsetSeconds);
  const seconds = magnitude % 60;
  return (t.offsetSeconds < 0 ? '-' : '+') + pad(Math.floor(magnitude / 3600), 2, '0')
    + pad(Math.floor(magnitude / 60) % 60, 2, '0') + (seconds ? pad(seconds, 2, '0') : '');
};

export const DIRECTIVES: Readonly<Record<string, DirectiveSpec>> = {
  a: name('day', (t) => DAYS[t.weekday].slice(0, 3)),
  A: name('day', (t) => DAYS[t.weekday]),
  b: name('month', (t) => MONTHS[t.month - 1].slice(0, 3)),
  B: name('month', (t) => MONTHS[t.month - 1]),
  h: name('month', (t) => MONTHS[t.month - 1].slice(0, 3)),
  p: { unit: 'half_day', takesFlags: true, compile: (flag) => (flag === '#' ? (t) => amPm(t).toLowerCase() : amPm) },
  P: { unit: 'half_day', takesFlags: true, compile: () => (t) => amPm(t).toLowerCase() },
  w: numeric('day', 1, '0', (t) => t.weekday),
  u: numeric('day', 1, '0', (t) => mondayBased(t) + 1),
  d: numeric('day', 2, '0', (t) => t.day),
  e: numeric('day', 2, ' ', (t) => t.day),
  j: numeric('day', 3, '0', (t) => t.dayOfYear),
  m: numeric('month', 2, '0', (t) => t.month),
  y: numeric('year', 2, '0', (t) => t.year % 100),
  Y: yearish('year', (t) => t.year),
  C: yearish('year', (t) => Math.floor(t.year / 100)),
  G: yearish('iso_year', isoWeekYear),
  g: numeric('iso_year', 2, '0', (t) => isoWeekYear(t) % 100),
  H: numeric('hour', 2, '0', (t) => t.hour),
  k: numeric('hour', 2, ' ', (t) => t.hour),
  I: numeric('hour', 2, '0', hour12),
  l: numeric('hour', 2, ' ', hour12),
  M: numeric('minute', 2, '0', (t) => t.minute),
  S: numeric('second', 2, '0', (t) => t.second),
  U: numeric('week_sun', 2, '0', weekOfYearSunday),
  W: numeric('week_mon', 2, '0', weekOfYearMonday),
  V: numeric('iso_week', 2, '0', isoWeekNumber),
  // Date has milliseconds; Python prints microseconds.
  f: { unit: 'second', takesFlags: false, compile: () => (t) => pad(t.millisecond * 1000, 6, '0') },
  z: { unit: 'none', takesFlags: false, compile: () => offsetText },
  Z: { unit: 'none', takesFlags: false, compile: () => zoneAbbreviation },
  c: composite('second', '%a %b %e %H:%M:%S %Y'),
  x: composite('day', '%m/%d/%y'),
  D: composite('day', '%m/%d/%y'),
  X: composite('second', '%H:%M:%S'),
  T: composite('second', '%H:%M:%S'),
  r: composite('second', '%I:%M:%S %p'),
  R: composite('minute', '%H:%M'),
  F: composite('day', '%Y-%m-%d'),
  n: constant('\n', true),
  t: constant('\t', true),
  '%': constant('%', false),
};
