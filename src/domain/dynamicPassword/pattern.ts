import { DIRECTIVES, FLAGS, type Flag, type Render, type WindowUnit } from './directives';
import { PatternError } from './patternError';
import { windowKeyOf, windowUnitOf } from './windows';
import { localTime, offsetFormatter, type LocalTime } from './zonedTime';

/* A dynamic-password pattern: Python strftime directives around exactly one literal
 * "<PASSWORD>". The semantics are CPython 3.11's datetime.strftime on glibc in the C locale, the
 * datetime being converted to the user's zone by zoneinfo; the password is put in after
 * formatting, so a "%" in a password is never a directive. */

export { PatternError } from './patternError';
export { isValidTimeZone } from './zonedTime';

export const PASSWORD_TOKEN = '<PASSWORD>';

export interface Pattern {
  readonly source: string;
}

export interface Rendered {
  readonly prefix: string;
  readonly suffix: string;
}

export type Granularity = 'second' | 'minute' | 'hour' | 'half_day' | 'day' | 'week' | 'month' | 'year' | 'none';

type Part = string | Render;

interface Compiled {
  readonly before: readonly Part[];
  readonly after: readonly Part[];
  readonly unit: WindowUnit;
  /** Whether any part depends on the instant (else no Intl call is needed). */
  readonly timed: boolean;
}

// Patterns stay plain { source } objects (serialisable, comparable); their parsed form lives
// here. A Pattern rebuilt from its source elsewhere is parsed on first use.
const compiledPatterns = new WeakMap<Pattern, Compiled>();

const BAD_CHARACTER = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

interface Directive {
  readonly text: string;
  readonly unit: WindowUnit;
  readonly part: Part;
  readonly end: number;
}

/** Reads the directive starting at source[start] === "%"; rejects what the oracle rejects. */
function readDirective(source: string, start: number): Directive {
  let i = start + 1;
  if (i >= source.length) throw new PatternError("lone '%' at the end of the pattern", '%');
  let flag: Flag | undefined;
  if (FLAGS.has(source[i])) {
    flag = source[i] as Flag;
    i += 1;
    if (i >= source.length) throw new PatternError(`flag without a directive at the end: %${flag}`, `%${flag}`);
  }
  const letter = String.fromCodePoint(source.codePointAt(i) ?? 0);
  const text = source.slice(start, i + letter.length);
  const reject = (why: string, directive = text): never => {
    throw new PatternError(`unsupported directive ${directive}: ${why}`, directive);
  };
  if (/\d/.test(letter)) {
    reject('field widths are not supported', source.slice(start, i) + /^\d+\D?/u.exec(source.slice(i))![0]);
  }
  if (letter === 'E' || letter === 'O') reject('E/O modifiers are not supported', source.slice(start, i + 2));
  if (letter === ':') reject('%:z needs CPython 3.12; 3.11 prints it literally', source.slice(start, i + 2));
  if (letter === 's') reject('glibc computes it in the process time zone, not the configured one');
  if (!Object.hasOwn(DIRECTIVES, letter)) reject('not a CPython/glibc strftime directive');
  const spec = DIRECTIVES[letter];
  if (flag !== undefined && !spec.takesFlags) reject('flags are not supported on this directive');
  return { text, unit: spec.unit, part: spec.compile(flag), end: i + letter.length };
}

function pushLiteral(parts: Part[], text: string): void {
  const last = parts.length - 1;
  if (last >= 0 && typeof parts[last] === 'string') parts[last] += text;
  else if (text !== '') parts.push(text);
}

function compile(source: string): Compiled {
  if (typeof source !== 'string') throw new PatternError('a pattern must be a string');
  if (BAD_CHARACTER.test(source)) throw new PatternError('a pattern must not contain NUL or lone surrogates');
  const parts: Part[] = [];
  const units: WindowUnit[] = [];
  for (let i = 0; i < source.length; ) {
    const percent = source.indexOf('%', i);
    const literalEnd = percent === -1 ? source.length : percent;
    pushLiteral(parts, source.slice(i, literalEnd));
    if (percent === -1) break;
    const directive = readDirective(source, percent);
    units.push(directive.unit);
    if (typeof directive.part === 'string') pushLiteral(parts, directive.part);
    else parts.push(directive.part);
    i = directive.end;
  }
  return { ...splitAtToken(parts), unit: windowUnitOf(units), timed: parts.some((part) => typeof part !== 'string') };
}

// Only literal text can hold the token: no directive prints "<" or ">".
function splitAtToken(parts: readonly Part[]): Pick<Compiled, 'before' | 'after'> {
  const found = parts.flatMap((part, index) => (typeof part === 'string' ? tokenPositions(part).map((at) => ({ index, at })) : []));
  if (found.length !== 1) {
    throw new PatternError(`a pattern must contain ${PASSWORD_TOKEN} exactly once, found ${found.length}`);
  }
  const [{ index, at }] = found;
  const literal = parts[index] as string;
  const head = literal.slice(0, at);
  const tail = literal.slice(at + PASSWORD_TOKEN.length);
  return {
    before: [...parts.slice(0, index), ...(head ? [head] : [])],
    after: [...(tail ? [tail] : []), ...parts.slice(index + 1)],
  };
}

function tokenPositions(text: string): number[] {
  const positions: number[] = [];
  for (let at = text.indexOf(PASSWORD_TOKEN); at !== -1; at = text.indexOf(PASSWORD_TOKEN, at + PASSWORD_TOKEN.length)) {
    positions.push(at);
  }
  return positions;
}

function compiled(pattern: Pattern): Compiled {
  let result = compiledPatterns.get(pattern);
  if (result === undefined) {
    result = compile(pattern.source);
    compiledPatterns.set(pattern, result);
  }
  return result;
}

/** Throws PatternError for anything CPython/glibc would not print exactly, and unless the
 * pattern holds exactly one <PASSWORD>. */
export function parsePattern(source: string): Pattern {
  const result = compile(source);
  const pattern: Pattern = Object.freeze({ source });
  compiledPatterns.set(pattern, result);
  return pattern;
}

/** Whether the text around the password follows the clock or calendar. %z and %Z do not count:
 * they change only with the UTC offset (the pattern must still be rendered at the instant). */
export function hasTimePart(pattern: Pattern): boolean {
  return granularity(pattern) !== 'none';
}

function join(parts: readonly Part[], t: LocalTime | undefined): string {
  let text = '';
  for (const part of parts) text += typeof part === 'string' ? part : part(t!);
  return text;
}

/** The text before and after the password at that instant in that zone. Throws a RangeError for
 * an unknown zone or an instant outside the years 1..9999, and a PatternError where %Z cannot be
 * printed exactly (see zoneAbbreviation). */
export function renderPattern(pattern: Pattern, at: Date, timeZone: string): Rendered {
  const { before, after, timed } = compiled(pattern);
  offsetFormatter(timeZone); // an unknown zone is an error even for a constant pattern
  const t = timed ? localTime(at, timeZone) : undefined;
  return { prefix: join(before, t), suffix: join(after, t) };
}

export function renderWithPlaceholder(pattern: Pattern, at: Date, timeZone: string): string {
  const { prefix, suffix } = renderPattern(pattern, at, timeZone);
  return prefix + PASSWORD_TOKEN + suffix;
}

/** The coarsest calendar unit within which the rendered text cannot change ("second" for %f,
 * as no finer unit exists). %z and %Z are ignored: a pattern with only those is 'none'. */
export function granularity(pattern: Pattern): Granularity {
  const unit = compiled(pattern).unit;
  if (unit === 'week_sun' || unit === 'week_mon' || unit === 'iso_week') return 'week';
  return unit === 'iso_year' ? 'year' : unit;
}

/** Names the window the instant falls in; see windows.ts for the rules. */
export function windowKey(pattern: Pattern, at: Date, timeZone: string): string {
  const unit = compiled(pattern).unit;
  offsetFormatter(timeZone);
  return unit === 'none' ? 'none' : windowKeyOf(unit, localTime(at, timeZone));
}
