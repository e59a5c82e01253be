import { isoWeekNumber, isoWeekYear, weekOfYearMonday, weekOfYearSunday, type WindowUnit } from './directives';
import type { LocalTime } from './zonedTime';

/* Windows for single-use (replay) protection: a window is a stretch of time in which the
 * pattern's text cannot change, so a password seen once in it must not be accepted again.
 *
 * Each directive changes its text at certain boundaries: %M at every minute, %U at every Sunday
 * and on 1 January, %V on Mondays, %G on the Monday that starts an ISO year... A pattern's window
 * is the coarsest unit whose boundaries include all of its directives' boundaries; "%U %W" thus
 * gets days, "%Y %G" gets Monday weeks cut at 1 January (the %W weeks).
 *
 * Below a day, the key carries the UTC offset, so the two 01:30s of a fall-back night are two
 * windows. From half-days up it does not: a 25-hour day is one window, and a calendar day has
 * not repeated since 1970 in any zone (a date-line jump back would merge two days, which only
 * makes the protection stricter). */

// Kinds of boundary, as bits; each finer unit has all boundaries of the coarser ones.
const SUNDAY = 1 << 0;
const MONDAY = 1 << 1;
const MONTH_START = 1 << 2;
const JANUARY_1 = 1 << 3;
const ISO_YEAR_START = 1 << 4;
const DAY = (1 << 5) | SUNDAY | MONDAY | MONTH_START | JANUARY_1 | ISO_YEAR_START;
const HALF_DAY = (1 << 6) | DAY;
const HOUR = (1 << 7) | HALF_DAY;
const MINUTE = (1 << 8) | HOUR;
const SECOND = (1 << 9) | MINUTE;

/** Boundaries of each unit, from the coarsest; the first that covers a pattern's is its unit. */
const BOUNDARIES: readonly (readonly [WindowUnit, number])[] = [
  ['year', JANUARY_1],
  ['iso_year', ISO_YEAR_START],
  ['month', MONTH_START | JANUARY_1],
  ['iso_week', MONDAY | ISO_YEAR_START],
  ['week_sun', SUNDAY | JANUARY_1],
  ['week_mon', MONDAY | JANUARY_1 | ISO_YEAR_START],
  ['day', DAY],
  ['half_day', HALF_DAY],
  ['hour', HOUR],
  ['minute', MINUTE],
  ['second', SECOND],
];

export function windowUnitOf(units: readonly WindowUnit[]): WindowUnit {
  const needed = units.reduce((mask, unit) => mask | (BOUNDARIES.find(([u]) => u === unit)?.[1] ?? 0), 0);
  if (needed === 0) return 'none';
  return BOUNDARIES.find(([, mask]) => (mask & needed) === needed)![0];
}

const two = (n: number): string => String(n).padStart(2, '0');
const year = (n: number): string => String(n).padStart(4, '0');

function offset(seconds: number): string {
  const magnitude = Math.abs(seconds);
  const rest = magnitude % 60;
  return (seconds < 0 ? '-' : '+') + two(Math.floor(magnitude / 3600)) + ':' + two(Math.floor(magnitude / 60) % 60)
    + (rest ? ':' + two(rest) : '');
}

/** e.g. "hour:2022-11-06T01-04:00", "day:2022-11-06", "week:2022-V44". Keys compare equal only
 * for the same pattern window in the same zone. */
export function windowKeyOf(unit: Exclude<WindowUnit, 'none'>, t: LocalTime): string {
  const date = `${year(t.year)}-${two(t.month)}-${two(t.day)}`;
  switch (unit) {
    case 'second': return `second:${date}T${two(t.hour)}:${two(t.minute)}:${two(t.second)}${offset(t.offsetSeconds)}`;
    case 'minute': return `minute:${date}T${two(t.hour)}:${two(t.minute)}${offset(t.offsetSeconds)}`;
    case 'hour': return `hour:${date}T${two(t.hour)}${offset(t.offsetSeconds)}`;
    case 'half_day': return `half_day:${date}${t.hour < 12 ? 'AM' : 'PM'}`;
    case 'day': return `day:${date}`;
    case 'week_sun': return `week:${year(t.year)}-U${two(weekOfYearSunday(t))}`;
    case 'week_mon': return `week:${year(t.year)}-W${two(weekOfYearMonday(t))}`;
    case 'iso_week': return `week:${year(isoWeekYear(t))}-V${two(isoWeekNumber(t))}`;
    case 'month': return `month:${year(t.year)}-${two(t.month)}`;
    case 'year': return `year:${year(t.year)}`;
    case 'iso_year': return `year:${year(isoWeekYear(t))}-G`;
    default: {
      const exhaustive: never = unit;
      return exhaustive;
    }
  }
}
