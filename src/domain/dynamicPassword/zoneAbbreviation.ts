import { PatternError } from './patternError';
import { ABBREVIATION_MAPS, TZDATA_VERSION, ZONE_SEGMENTS } from './tzAbbreviations';
import type { LocalTime } from './zonedTime';

interface Segment {
  readonly fromEpochSeconds: number;
  readonly names: ReadonlyMap<number, string>;
}

function parseMap(text: string): ReadonlyMap<number, string> {
  const words = text.split(' ').filter((word) => word !== '');
  const names = new Map<number, string>();
  for (let i = 0; i < words.length; i += 2) names.set(Number(words[i]), words[i + 1]);
  return names;
}

function parseZones(): ReadonlyMap<string, readonly Segment[]> {
  const maps = ABBREVIATION_MAPS.map(parseMap);
  const zones = new Map<string, readonly Segment[]>();
  for (const line of ZONE_SEGMENTS.split('\n')) {
    const words = line.split(' ').filter((word) => word !== '');
    const specs = words.filter((word) => /^\d/.test(word));
    const segments = specs.map((spec) => {
      const [map, from] = spec.split('@');
      return { fromEpochSeconds: Number(from ?? 0), names: maps[Number(map)] };
    });
    for (const zone of words.slice(specs.length)) zones.set(zone, segments);
  }
  return zones;
}

const ZONES = parseZones();

/** Whether the abbreviation table (tz database names, links included) lists the zone. */
export function knownZone(tz: string): boolean {
  return ZONES.has(tz);
}

/** The numeric name zic gives a zone without a letter abbreviation: "+08", "+0545", "-003230". */
function numericZoneName(offsetSeconds: number): string {
  const sign = offsetSeconds < 0 ? '-' : '+';
  const magnitude = Math.abs(offsetSeconds);
  const hours = Math.floor(magnitude / 3600);
  const minutes = Math.floor(magnitude / 60) % 60;
  const seconds = magnitude % 60;
  const two = (n: number): string => String(n).padStart(2, '0');
  return sign + two(hours) + (minutes || seconds ? two(minutes) : '') + (seconds ? two(seconds) : '');
}

/** %Z exactly as CPython's zoneinfo prints it (tz database abbreviation). Refused where the
 * table cannot know: zones it does not list, and instants before 1970 (pre-1970 history in
 * ICU and in the tz database's main data differ; a login clock never goes there). */
export function zoneAbbreviation(t: LocalTime): string {
  const segments = ZONES.get(t.timeZone);
  if (segments === undefined) {
    throw new PatternError(
      `unsupported directive %Z: time zone ${t.timeZone} is not in the tz ${TZDATA_VERSION} abbreviation table`,
      '%Z',
    );
  }
  if (t.epochSeconds < 0) {
    throw new PatternError('unsupported directive %Z: abbreviations are only known from 1970 on', '%Z');
  }
  let current = segments[0];
  for (const segment of segments) if (segment.fromEpochSeconds <= t.epochSeconds) current = segment;
  return current.names.get(t.offsetSeconds) ?? numericZoneName(t.offsetSeconds);
}
