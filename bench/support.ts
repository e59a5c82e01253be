import { readFileSync, mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';

/** Shared by every benchmark: statistics, tables, a small HTTP client, temp folders, the machine. */

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function p90(values: readonly number[]): number {
  return quantile(values, 0.9);
}

/** Linear interpolation between the two nearest ranks (the common "type 7" definition). */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new RangeError('quantile of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const low = Math.floor(at);
  const high = Math.ceil(at);
  return sorted[low] + (sorted[high] - sorted[low]) * (at - low);
}

/** Milliseconds since an arbitrary origin, sub-microsecond resolution. */
export const nowMs = (): number => performance.now();

/** Round-robin with a rotating start: over n rounds, each item runs at each position equally often. */
export function rotated<T>(items: readonly T[], round: number): T[] {
  const start = round % items.length;
  return [...items.slice(start), ...items.slice(0, start)];
}

/**
 * Every item once per round, in an order shuffled by the round number (deterministic): positions
 * and predecessors vary, so neither a slow slot nor work left behind by one item lands on another.
 */
export function shuffled<T>(items: readonly T[], round: number): T[] {
  const random = mulberry32(0x5eed + round);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const NUMERIC = /^[-+]?\d[\d.,]*(%|x)?$/;

/** A plain-text table: numeric columns right-aligned, the others left-aligned. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = headers.map((header, column) => Math.max(header.length, ...rows.map((row) => row[column].length)));
  const numeric = headers.map((_, column) => rows.length > 0 && rows.every((row) => NUMERIC.test(row[column])));
  const line = (cells: readonly string[]) =>
    cells.map((cell, column) => (numeric[column] ? cell.padStart(widths[column]) : cell.padEnd(widths[column]))).join('  ').trimEnd();
  return [line(headers), widths.map((width) => '-'.repeat(width)).join('  '), ...rows.map(line)].join('\n');
}

export const fixed = (value: number, digits = 1): string => value.toFixed(digits);
export const percent = (ratio: number): string => `${ratio >= 0 ? '+' : ''}${(ratio * 100).toFixed(1)}%`;

export interface Machine {
  readonly cores: number;
  readonly cpuModel: string;
  readonly node: string;
  readonly platform: string;
}

export function machine(): Machine {
  const cpus = os.cpus();
  return {
    cores: os.availableParallelism(),
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    node: process.version,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
  };
}

/** The file system a path lives on, from /proc/mounts (fsync costs differ a lot: tmpfs has none). */
export function filesystemOf(path: string): string {
  try {
    const target = resolve(path);
    const mounts = readFileSync('/proc/mounts', 'utf8')
      .split('\n')
      .map((line) => line.split(' '))
      .filter((fields) => fields.length >= 3 && (target === fields[1] || target.startsWith(fields[1].endsWith('/') ? fields[1] : `${fields[1]}/`)));
    const best = mounts.sort((a, b) => b[1].length - a[1].length)[0];
    return best ? `${best[2]} (${best[0]} on ${best[1]})` : 'unknown';
  } catch {
    return 'unknown';
  }
}

export interface TempDir {
  readonly path: string;
  file(name: string): string;
  remove(): void;
}

export function tempDir(prefix = 'dynpass-bench-'): TempDir {
  const path = mkdtempSync(join(os.tmpdir(), prefix));
  return { path, file: (name) => join(path, name), remove: () => rmSync(path, { recursive: true, force: true }) };
}

/**
 * The compiled JavaScript of a bench file, for worker threads and child processes. From dist/ it
 * is the sibling; under ts-jest (sources in bench/) it is the copy `npm test` compiled into dist/.
 */
export function compiled(name: string): string {
  return __filename.endsWith('.ts') ? join(__dirname, '..', 'dist', 'bench', `${name}.js`) : join(__dirname, `${name}.js`);
}

export interface Reply {
  readonly status: number;
  readonly text: string;
  /** From writing the request to the last byte of the response, on the client. */
  readonly ms: number;
}

/** Keep-alive HTTP/1.1 on loopback: no per-request connection set-up in the figures. */
export class HttpClient {
  private readonly agent: http.Agent;

  constructor(
    readonly url: string,
    sockets = 1,
  ) {
    this.agent = new http.Agent({ keepAlive: true, maxSockets: sockets });
  }

  request(method: string, path: string, json?: unknown, token?: string): Promise<Reply> {
    const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json), 'utf8');
    const headers: Record<string, string | number> = {};
    if (body) Object.assign(headers, { 'content-type': 'application/json', 'content-length': body.length });
    if (token) headers.authorization = `Bearer ${token}`;
    return new Promise<Reply>((resolvePromise, reject) => {
      const started = nowMs();
      const req = http.request(`${this.url}${path}`, { method, headers, agent: this.agent, timeout: 60_000 }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolvePromise({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8'), ms: nowMs() - started }));
        res.on('error', reject);
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path}: no answer within 60 s`)));
      req.on('error', reject);
      req.end(body);
    });
  }

  /** Throws unless the answer has the expected status; returns the parsed JSON body, if any. */
  async expect(status: number, method: string, path: string, json?: unknown, token?: string): Promise<any> {
    const reply = await this.request(method, path, json, token);
    if (reply.status !== status) throw new Error(`${method} ${path}: expected ${status}, got ${reply.status}: ${reply.text.slice(0, 200)}`);
    return reply.text ? JSON.parse(reply.text) : undefined;
  }

  close(): void {
    this.agent.destroy();
  }
}
