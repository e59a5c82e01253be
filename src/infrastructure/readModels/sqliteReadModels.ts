import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { auditEntryOf } from '../../application/projections/audit';
import { evolveUserView } from '../../application/projections/users';
import type { EventStore, RecordedEvent, Subscription } from '../../application/ports/eventStore';
import type { AuditEntry, AuditFilter, ReadModels, UserView } from '../../application/ports/readModels';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS rm_checkpoint (name TEXT PRIMARY KEY, position INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS rm_users (key TEXT PRIMARY KEY, doc TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS rm_audit (
  position INTEGER PRIMARY KEY, at TEXT NOT NULL, type TEXT NOT NULL, username TEXT NOT NULL,
  actor TEXT NOT NULL, outcome TEXT, reason TEXT, ip TEXT);
CREATE INDEX IF NOT EXISTS rm_audit_username ON rm_audit (username, position);
CREATE INDEX IF NOT EXISTS rm_audit_type ON rm_audit (type, position);
`;
const CHECKPOINT = 'users+audit';
const PAGE = 1000;

/**
 * The users and audit projections in SQLite, beside the events when the store is SQLite. Each batch
 * of events is applied together with the checkpoint in one transaction, and events at or before the
 * checkpoint are skipped, so catching up from several places (queries, the live subscription,
 * another process on the same file) applies each event exactly once.
 */
export class SqliteReadModels implements ReadModels {
  private readonly db: Database.Database;
  private catchingUp: Promise<void> | null = null;
  private subscription: Subscription | null = null;

  constructor(
    private readonly store: EventStore,
    path: string,
  ) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.db = new Database(path);
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('busy_timeout = 5000');
    this.db.defaultSafeIntegers(true);
    this.db.exec(SCHEMA);
  }

  /** Follows the store live from the checkpoint; queries still catch up before reading. */
  start(): void {
    this.subscription ??= this.store.subscribeToAll({
      after: this.checkpoint() ?? undefined,
      onEvent: async (event) => this.apply([event]),
      onError: () => {
        this.subscription = null;
      },
    });
  }

  async close(): Promise<void> {
    await this.subscription?.stop();
    this.subscription = null;
    await this.catchingUp;
    this.db.close();
  }

  catchUp(): Promise<void> {
    // Callers that arrive during a catch-up wait for the next one, which sees their writes.
    const run = (this.catchingUp ?? Promise.resolve()).then(() => this.readToEnd());
    // The queue must not reject: its failure belongs to this caller, not to the next one.
    const settled = run.then(
      () => undefined,
      () => undefined,
    );
    this.catchingUp = settled;
    void settled.then(() => {
      if (this.catchingUp === settled) this.catchingUp = null;
    });
    return run;
  }

  /** Forgets everything and replays the whole store. */
  async rebuild(): Promise<void> {
    this.db.exec('DELETE FROM rm_users; DELETE FROM rm_audit; DELETE FROM rm_checkpoint;');
    await this.catchUp();
  }

  async getUser(key: string): Promise<UserView | null> {
    const row = this.db.prepare('SELECT doc FROM rm_users WHERE key = ?').get(key) as { doc: string } | undefined;
    return row ? (JSON.parse(row.doc) as UserView) : null;
  }

  async listUsers(): Promise<UserView[]> {
    const rows = this.db.prepare('SELECT doc FROM rm_users ORDER BY key').all() as { doc: string }[];
    return rows.map((row) => JSON.parse(row.doc) as UserView);
  }

  async queryAudit(filter: AuditFilter): Promise<AuditEntry[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (filter.usernames) {
      where.push(`username IN (${filter.usernames.map(() => '?').join(',')})`);
      params.push(...filter.usernames);
    }
    for (const [column, value, op] of [
      ['type', filter.type, '='],
      ['outcome', filter.outcome, '='],
      ['reason', filter.reason, '='],
      ['at', filter.from, '>='],
      ['at', filter.to, '<='],
      ['position', filter.before, '<'],
    ] as const) {
      if (value === undefined) continue;
      where.push(`${column} ${op} ?`);
      params.push(value);
    }
    if (filter.alertsOnly) where.push(`(reason = 'static_password_without_pattern' OR type = 'AccountLocked')`);
    const sql = `SELECT * FROM rm_audit ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY position DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, filter.limit) as Record<string, unknown>[];
    return rows.map(toAuditEntry);
  }

  private async readToEnd(): Promise<void> {
    for (;;) {
      const events = await this.store.readAll({ after: this.checkpoint() ?? undefined, limit: PAGE });
      this.apply(events);
      if (events.length < PAGE) return;
    }
  }

  private checkpoint(): bigint | null {
    const row = this.db.prepare('SELECT position FROM rm_checkpoint WHERE name = ?').get(CHECKPOINT) as { position: bigint } | undefined;
    return row ? row.position : null;
  }

  private apply(events: readonly RecordedEvent[]): void {
    if (events.length === 0) return;
    const getUser = this.db.prepare('SELECT doc FROM rm_users WHERE key = ?');
    const putUser = this.db.prepare('INSERT INTO rm_users (key, doc) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET doc = excluded.doc');
    const putAudit = this.db.prepare(
      'INSERT INTO rm_audit (position, at, type, username, actor, outcome, reason, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const setCheckpoint = this.db.prepare(
      'INSERT INTO rm_checkpoint (name, position) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET position = excluded.position',
    );
    this.db
      .transaction(() => {
        const seen = this.checkpoint();
        for (const event of events) {
          if (seen !== null && event.position <= seen) continue;
          const entry = auditEntryOf(event);
          if (entry === null) continue;
          putAudit.run(entry.position, entry.at, entry.type, entry.username, entry.actor, entry.outcome ?? null, entry.reason ?? null, entry.ip ?? null);
          const row = getUser.get(entry.username) as { doc: string } | undefined;
          const before = row ? (JSON.parse(row.doc) as UserView) : null;
          const after = evolveUserView(before, event);
          if (after !== null && after !== before) putUser.run(after.key, JSON.stringify(after));
        }
        const last = events[events.length - 1].position;
        if (seen === null || last > seen) setCheckpoint.run(CHECKPOINT, last);
      })
      .immediate();
  }
}

function toAuditEntry(row: Record<string, unknown>): AuditEntry {
  return {
    position: row.position as bigint,
    at: row.at as string,
    type: row.type as string,
    username: row.username as string,
    actor: row.actor as string,
    ...(row.outcome !== null && { outcome: row.outcome as 'succeeded' | 'failed' }),
    ...(row.reason !== null && { reason: row.reason as string }),
    ...(row.ip !== null && { ip: row.ip as string }),
  };
}
