/**
 * `npm run bench [-- --quick] [-- --only=timing,rate,appends,replay]`: prints the machine, then one
 * plain table per benchmark. Figures are medians of interleaved rounds measured in this one run.
 */
import { availableParallelism, loadavg } from 'node:os';
import { formatAppends, runAppends, type AppendsParams } from './appends';
import { formatLoginRate, runLoginRate, type LoginRateParams } from './loginRate';
import { formatLoginTiming, runLoginTiming, type LoginTimingParams } from './loginTiming';
import { formatReplay, runReplay, type ReplayParams } from './replay';
import { fixed, machine, nowMs } from './support';

interface Plan {
  readonly timing: LoginTimingParams;
  readonly rate: LoginRateParams;
  readonly appends: AppendsParams;
  readonly replay: ReplayParams;
}

const cores = availableParallelism();

/** At OWASP cost; the full run stays under about three minutes on 2 cores. */
const FULL: Plan = {
  timing: { rounds: 100, warmupRounds: 3, hashCost: 'owasp' },
  rate: { rounds: 7, perRound: 40, concurrency: cores, hashCost: 'owasp' },
  appends: { rounds: 5, appendsPerRound: 200, concurrency: 4, batchSize: 10 },
  replay: { totalEvents: 100_000, longStreamEvents: 10_000, eventsPerUser: 100, rebuildRounds: 3, foldRuns: 15 },
};

const QUICK: Plan = {
  timing: { rounds: 8, warmupRounds: 1, hashCost: 'owasp' },
  rate: { rounds: 3, perRound: 10, concurrency: cores, hashCost: 'owasp' },
  appends: { rounds: 2, appendsPerRound: 50, concurrency: 4, batchSize: 10 },
  replay: { totalEvents: 10_000, longStreamEvents: 2_000, eventsPerUser: 100, rebuildRounds: 2, foldRuns: 5 },
};

const BENCHMARKS: Record<keyof Plan, { title: string; run: (plan: Plan) => Promise<string> }> = {
  timing: { title: '1. Login failure classes: response time (issue 4)', run: async (plan) => formatLoginTiming(await runLoginTiming(plan.timing)) },
  rate: { title: '2. Login rate vs raw hash rate', run: async (plan) => formatLoginRate(await runLoginRate(plan.rate)) },
  appends: { title: '3. Durable appends', run: async (plan) => formatAppends(await runAppends(plan.appends)) },
  replay: { title: '4. Replay', run: async (plan) => formatReplay(await runReplay(plan.replay)) },
};

async function main(args: string[]): Promise<void> {
  const quick = args.includes('--quick');
  const only = args.find((arg) => arg.startsWith('--only='))?.slice('--only='.length).split(',');
  const unknown = args.filter((arg) => arg !== '--quick' && !arg.startsWith('--only='));
  const names = (only ?? Object.keys(BENCHMARKS)) as (keyof Plan)[];
  if (unknown.length > 0 || names.some((name) => !(name in BENCHMARKS))) {
    throw new Error(`usage: run.js [--quick] [--only=${Object.keys(BENCHMARKS).join(',')}]`);
  }
  const m = machine();
  process.stdout.write(`dynpass bench${quick ? ' (--quick)' : ''}: ${m.cores} cores, ${m.cpuModel}, node ${m.node}, ${m.platform}\n`);
  process.stdout.write(`hash cost owasp (argon2id m=19456 KiB, t=2, p=1); HTTP on 127.0.0.1, service in a child process\n`);
  // Other processes on the machine are the main source of noise: say how busy it was.
  process.stdout.write(`load average (1 min) at start: ${fixed(loadavg()[0], 2)}\n`);
  const started = nowMs();
  for (const name of names) {
    const benchmark = BENCHMARKS[name];
    const begin = nowMs();
    const output = await benchmark.run(quick ? QUICK : FULL);
    process.stdout.write(`\n${benchmark.title}  [${fixed((nowMs() - begin) / 1000, 1)} s]\n${output}\n`);
  }
  process.stdout.write(`\ntotal ${fixed((nowMs() - started) / 1000, 1)} s; load average (1 min) at end: ${fixed(loadavg()[0], 2)}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`bench: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
