import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

const SCHEMA_VERSION = 1;

/**
 * position: AUTOINCREMENT never reuses a number, and writers are serialised (one IMMEDIATE
 * transaction at a time), so positions become visible in increasing order: a subscriber that has
 * read up to N will never later find a committed event below N.
 * UNIQUE (stream_id, id) keeps one copy of an event per stream and indexes the idempotency check.
 */
const SCHEMA_V1 = `
  CREATE TABLE events (
    position    INTEGER PRIMARY KEY AUTOINCREMENT,
    id          TEXT    NOT NULL,
    stream_id   TEXT    NOT NULL,
    revision    INTEGER NOT NULL CHECK (revision >= 0),
    type        TEXT    NOT NULL,
    data        TEXT    NOT NULL CHECK (json_valid(data)),
    metadata    TEXT    NOT NULL CHECK (json_valid(metadata)),
    recorded_at TEXT    NOT NULL,
    UNIQUE (stream_id, revision),
    UNIQUE (stream_id, id)
  ) STRICT;
`;

/**
 * Opens (creating if needed) an event database. A new file is created 0600 before SQLite opens it:
 * it will hold password hashes. SQLite gives its -wal and -shm files the same permissions.
 */
export function openEventDatabase(file: string, busyTimeoutMs: number): Database.Database {
  if (file !== ':memory:') createPrivateFile(file);
  // timeout = busy_timeout: a second process writing the same file makes us wait, not fail.
  const db = new Database(file, { timeout: busyTimeoutMs });
  try {
    db.pragma('journal_mode = WAL');
    // In WAL mode, NORMAL only syncs at checkpoints: a power cut could lose appends we already
    // acknowledged. FULL syncs the WAL on every commit, so an acknowledged append is on disk.
    db.pragma('synchronous = FULL');
    // Positions and revisions are bigint in the port; read every integer as one.
    db.defaultSafeIntegers(true);
    migrate(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function createPrivateFile(file: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  try {
    fs.closeSync(fs.openSync(file, 'wx', 0o600));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
}

function migrate(db: Database.Database): void {
  // IMMEDIATE: two processes opening a new file at once create the table exactly once.
  db.transaction(() => {
    const version = Number(db.pragma('user_version', { simple: true }));
    if (version === SCHEMA_VERSION) return;
    if (version !== 0) throw new Error(`unknown schema version ${version} (this build knows ${SCHEMA_VERSION})`);
    db.exec(SCHEMA_V1);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  }).immediate();
}
