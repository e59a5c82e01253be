import { parsePattern, renderPattern } from '../../../src/domain/dynamicPassword/pattern';
import { TZDATA_VERSION, ZONE_SEGMENTS } from '../../../src/domain/dynamicPassword/tzAbbreviations';
import {
  type OracleCase, oracleInfo, oracleUnavailable, runOracle, seededRandom, seedFromEnv, zoneDataDiffers,
} from './oracle';

/* The generated %Z table against CPython's zoneinfo, in every zone and link it lists: both sides
 * of every point where the table switches a zone to another set of names, and instants in 40
 * random years of 1970..2100 per zone, in January or July (winter and summer names). All 131
 * years of every zone take the oracle ~10 s; that full sweep passed when the table was made. */

const unavailable = oracleUnavailable();
if (unavailable !== undefined) console.warn(`skipping the %Z table test: ${unavailable}`);
const describeWithOracle = unavailable === undefined ? describe : describe.skip;

const PATTERN = parsePattern('%Z|%z<PASSWORD>');

function tableLines(): { readonly zones: readonly string[]; readonly switches: readonly number[] }[] {
  return ZONE_SEGMENTS.split('\n').filter((line) => line !== '').map((line) => {
    const words = line.split(' ');
    return {
      zones: words.filter((word) => /^[A-Za-z]/.test(word)),
      switches: words.filter((word) => word.includes('@')).map((word) => Number(word.split('@')[1]) * 1000),
    };
  });
}

function sweepCases(seed: number): OracleCase[] {
  const random = seededRandom(seed);
  const cases: OracleCase[] = [];
  const add = (tz: string, epochMs: number): void => {
    if (!zoneDataDiffers(tz, epochMs)) cases.push({ pattern: PATTERN.source, iso_instant: new Date(epochMs).toISOString(), tz });
  };
  for (const { zones, switches } of tableLines()) {
    for (const tz of zones) {
      for (let i = 0; i < 40; i++) {
        const year = 1970 + Math.floor(random() * 131);
        const month = random() < 0.5 ? 0 : 6;
        add(tz, Date.UTC(year, month, 1) + Math.floor(random() * 31 * 86_400_000));
      }
      for (const at of switches) [at - 1000, at, at + 1000].forEach((epochMs) => add(tz, epochMs));
    }
  }
  return cases;
}

describeWithOracle('%Z abbreviation table (generated from tzdata) against zoneinfo', () => {
  it('was generated from the tz database the oracle reads', () => {
    // If this fails, regenerate: python3 test/unit/dynamicPassword/genTzAbbreviations.py
    expect(TZDATA_VERSION).toBe(oracleInfo().tzdata_version);
  });

  it('prints %Z and %z like CPython in every listed zone, 1970-2100', () => {
    const seed = seedFromEnv('TZ_SWEEP_SEED');
    const cases = sweepCases(seed);
    const expected = runOracle(cases);
    const wrong = cases.flatMap((c, i) => {
      let actual: string;
      try {
        const { prefix } = renderPattern(PATTERN, new Date(c.iso_instant), c.tz);
        actual = prefix;
      } catch (error) {
        actual = String(error);
      }
      const oracle = expected[i];
      return oracle.ok && `${actual}<PASSWORD>` === oracle.result ? [] : [`${JSON.stringify(c)} oracle ${JSON.stringify(oracle)} ours ${actual}`];
    });
    if (wrong.length > 0) console.error(`TZ_SWEEP_SEED=${seed}: ${wrong.length} of ${cases.length} differ\n${wrong.slice(0, 20).join('\n')}`);
    expect(wrong).toEqual([]);
    expect(cases.length).toBeGreaterThan(20_000);
  });
});
