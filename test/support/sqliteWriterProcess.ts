import { spawn, type ChildProcessByStdio } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';
import type { Readable, Writable } from 'node:stream';

/** test/support/sqliteWriter.ts running in a plain `node` child (see that file for the modes). */
export class WriterProcess {
  readonly child: ChildProcessByStdio<Writable, Readable, Readable>;
  /** Resolves with stdout when the writer exits with 0; rejects with its stderr otherwise. */
  readonly finished: Promise<string>;
  private readonly lines: string[] = [];
  private readonly lineListeners = new Set<(line: string) => void>();

  constructor(args: readonly string[]) {
    const script = path.join(__dirname, 'sqliteWriter.ts');
    const register = path.join(__dirname, 'registerTs.js');
    this.child = spawn(process.execPath, ['-r', register, script, ...args], { stdio: ['pipe', 'pipe', 'pipe'] });
    const stderr: string[] = [];
    this.child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
    readline.createInterface({ input: this.child.stdout }).on('line', (line) => {
      this.lines.push(line);
      for (const listener of [...this.lineListeners]) listener(line);
    });
    this.finished = new Promise((resolve, reject) => {
      this.child.on('error', reject);
      this.child.on('close', (code, signal) => {
        if (code === 0) resolve(this.lines.map((line) => `${line}\n`).join(''));
        else reject(new Error(`writer ${args[0]} ended with ${signal ?? code}: ${stderr.join('')}`));
      });
    });
  }

  /** Calls `listener` for every stdout line from now on. */
  onLine(listener: (line: string) => void): void {
    this.lineListeners.add(listener);
  }

  /** Resolves once the writer has printed this line. */
  untilLine(expected: string): Promise<void> {
    if (this.lines.includes(expected)) return Promise.resolve();
    return new Promise((resolve) => this.onLine((line) => line === expected && resolve()));
  }
}

/** Runs the writer to its end; resolves with its stdout. */
export function runSqliteWriter(args: readonly string[]): Promise<string> {
  return new WriterProcess(args).finished;
}
