/**
 * Keeps bench/ compiling and working: each benchmark's core function on tiny parameters at test
 * hash cost. No timing goals here: figures only have to be positive numbers. Runs the compiled
 * bench server and append worker from dist/ (`npm test` compiles first).
 */
import { formatAppends, runAppends } from '../../bench/appends';
import { formatLoginRate, runLoginRate } from '../../bench/loginRate';
import { formatLoginTiming, runLoginTiming } from '../../bench/loginTiming';
import { formatReplay, runReplay } from '../../bench/replay';
import { median, p90, quantile, shuffled, table } from '../../bench/support';

const positive = (value: number) => expect(value).toBeGreaterThan(0);

describe('bench support', () => {
  it('takes medians and quantiles by linear interpolation', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(p90([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11])).toBe(10);
    expect(quantile([5], 0.1)).toBe(5);
  });

  it('shuffles every item into each round exactly once, the same way for the same round', () => {
    const items = ['a', 'b', 'c', 'd', 'e'];
    expect([...shuffled(items, 3)].sort()).toEqual(items);
    expect(shuffled(items, 3)).toEqual(shuffled(items, 3));
  });

  it('right-aligns numeric columns only', () => {
    expect(table(['name', 'n'], [['a', '1.5'], ['bbb', '10']])).toBe('name    n\n----  ---\na     1.5\nbbb    10');
  });
});

describe('benchmarks on tiny parameters', () => {
  it('times every login failure class and finds each recorded as intended', async () => {
    const result = await runLoginTiming({ rounds: 2, warmupRounds: 1, hashCost: 'test' });
    expect(result.classes.map((entry) => entry.recorded)).toContain('replayed');
    for (const entry of result.classes) [entry.p10Ms, entry.medianMs, entry.p90Ms, entry.ratio].forEach(positive);
    positive(result.overallMedianMs);
    expect(formatLoginTiming(result)).toContain('within 5% of each other');
  }, 120_000);

  it('measures raw hash and login rates', async () => {
    const result = await runLoginRate({ rounds: 1, perRound: 4, concurrency: 2, hashCost: 'test' });
    [result.rawMedian, result.loginMedian, result.ratio].forEach(positive);
    expect(formatLoginRate(result)).toContain('login rate / raw hash rate');
  }, 120_000);

  it('measures durable appends, in-process and from worker threads', async () => {
    const result = await runAppends({ rounds: 1, appendsPerRound: 8, concurrency: 2, batchSize: 3 });
    expect(result.variants).toHaveLength(4);
    for (const variant of result.variants) [variant.appendsPerSecond, variant.eventsPerSecond, variant.appendMs].forEach(positive);
    expect(formatAppends(result)).toContain('appends/s');
  }, 60_000);

  it('rebuilds the read models and folds streams', async () => {
    const result = await runReplay({ totalEvents: 700, longStreamEvents: 300, eventsPerUser: 100, rebuildRounds: 1, foldRuns: 2 });
    expect(result.totalEvents).toBe(700);
    [result.rebuildEventsPerSecond, result.buildEventsPerSecond, ...result.folds.map((fold) => fold.medianMs)].forEach(positive);
    expect(formatReplay(result)).toContain('events/s');
  }, 60_000);
});
