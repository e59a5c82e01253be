import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface TempDir {
  readonly path: string;
  /** A path inside the folder (not created). */
  file(...names: string[]): string;
  remove(): void;
}

/** A fresh folder under the OS temp dir; remove() deletes it and everything in it. */
export function createTempDir(prefix = 'dynpass-'): TempDir {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    path: dir,
    file: (...names) => path.join(dir, ...names),
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}
