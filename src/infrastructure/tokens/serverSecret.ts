import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync, linkSync, mkdirSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * The server secret signs tokens and keys audit digests. Given by DYNPASS_TOKEN_SECRET, or kept in a
 * 0600 file beside the SQLite database (so restarts and other processes on that file share it), or
 * random for this process only.
 */
export function loadServerSecret(configured: string | null, sqlitePath: string | null): Buffer {
  if (configured !== null) return Buffer.from(configured, 'utf8');
  if (sqlitePath === null || sqlitePath === ':memory:') return randomBytes(32);
  const file = `${sqlitePath}.secret`;
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    // Written whole under a temporary name, then linked into place: a reader never sees half a file.
    const temporary = `${file}.${process.pid}.tmp`;
    writeFileSync(temporary, randomBytes(32).toString('base64'), { mode: 0o600 });
    try {
      linkSync(temporary, file);
    } catch (error) {
      // Another process put its secret there first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    } finally {
      unlinkSync(temporary);
    }
  }
  return Buffer.from(readFileSync(file, 'utf8').trim(), 'base64');
}

/** Separate keys per purpose, so a token key never doubles as an audit key. */
export function deriveKey(secret: Buffer, purpose: 'tokens' | 'audit-digest'): Buffer {
  return Buffer.from(hkdfSync('sha256', secret, Buffer.alloc(0), `dynpass ${purpose}`, 32));
}
