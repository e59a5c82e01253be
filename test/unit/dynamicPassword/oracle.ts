import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

/* Runs the CPython strftime oracle (shared/oracle/strftime_oracle.py, beside the repository in
 * every checkout) on a whole batch at once: one Python process, all cases on stdin. */

export const ORACLE_PATH = path.resolve(__dirname, '../../..', '../shared/oracle/strftime_oracle.py');

export interface OracleCase {
  readonly pattern: string;
  readonly iso_instant: string;
  readonly tz: string;
  readonly password?: string;
  readonly id?: string;
}

export interface OracleResult {
  readonly ok: boolean;
  readonly result?: string;
  readonly error?: string;
  readonly local?: string;
  readonly fold?: number;
}

export interface OracleInfo {
  readonly python: string;
  readonly libc: string;
  readonly tzdata_version: string;
}

function python(args: readonly string[], input?: string): string {
  const run = spawnSync('python3', [ORACLE_PATH, ...args], { input, encoding: 'utf8', maxBuffer: 1 << 30 });
  if (run.error !== undefined) throw run.error;
  if (run.status !== 0) throw new Error(`oracle exited with ${run.status}: ${run.stderr}`);
  return run.stdout;
}

/** Why the oracle cannot run here, or undefined when it can. */
export function oracleUnavailable(): string | undefined {
  if (!existsSync(ORACLE_PATH)) return `oracle not found at ${ORACLE_PATH}`;
  const probe = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  return probe.status === 0 ? undefined : 'python3 is not installed';
}

export function oracleInfo(): OracleInfo {
  return JSON.parse(python(['--info'])) as OracleInfo;
}

export function runOracle(cases: readonly OracleCase[]): OracleResult[] {
  const input = cases.map((c) => JSON.stringify(c)).join('\n') + '\n';
  const lines = python(['--tier', 'glibc'], input).split('\n').filter((line) => line !== '');
  if (lines.length !== cases.length) throw new Error(`oracle answered ${lines.length} of ${cases.length} cases`);
  return lines.map((line) => JSON.parse(line) as OracleResult);
}

/** Where Node's ICU zone data (process.versions.tz) and the tz database the oracle reads are
 * known to disagree, measured by comparing UTC offsets at every transition and every 3 days of
 * 1970..2100 in all zones (tzdata 2025b vs ICU 2025c): cases there are not drawn at all, the
 * comparison of every other case stays exact. */
const DATA_DIFFERENCES: readonly { readonly zones: readonly string[]; readonly beforeMs: number; readonly why: string }[] = [
  {
    zones: ['America/Tijuana', 'America/Ensenada', 'America/Santa_Isabel', 'Mexico/BajaNorte'],
    beforeMs: Date.UTC(1976, 0, 1),
    why: 'tz 2025c gave Baja California US-style DST in 1954-1975; 2025b has none',
  },
  {
    zones: ['EET', 'WET'],
    beforeMs: Infinity,
    why: 'tz 2024b made them links to Europe/Athens and Europe/Lisbon (ICU); this tzdata.zi still has the old rule zones',
  },
];

export function zoneDataDiffers(zone: string, epochMs: number): boolean {
  return DATA_DIFFERENCES.some((d) => d.zones.includes(zone) && epochMs < d.beforeMs);
}

/** mulberry32: small, seeded, good enough to draw test cases reproducibly. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function seedFromEnv(variable: string): number {
  const given = process.env[variable];
  return given !== undefined && given !== '' ? Number(given) >>> 0 : Math.floor(Math.random() * 2 ** 32);
}
