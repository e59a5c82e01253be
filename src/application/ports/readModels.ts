import type { DynamicPasswordSetting } from '../../domain/user/state';

export interface UserView {
  readonly key: string;
  readonly username: string;
  readonly staff: boolean;
  readonly active: boolean;
  readonly dynamicPassword: DynamicPasswordSetting;
}

export interface AuditEntry {
  readonly position: bigint;
  readonly at: string;
  readonly type: string;
  /** The username key, or `#<digest>` for attempts on names no user has. */
  readonly username: string;
  readonly actor: string;
  readonly outcome?: 'succeeded' | 'failed';
  readonly reason?: string;
  readonly ip?: string;
}

export interface AuditFilter {
  readonly usernames?: readonly string[];
  readonly type?: string;
  readonly outcome?: 'succeeded' | 'failed';
  readonly reason?: string;
  /** Inclusive ISO-8601 bounds on the event's time. */
  readonly from?: string;
  readonly to?: string;
  /** Only entries older than this position (the cursor of the previous page). */
  readonly before?: bigint;
  /** Only security alerts: static passwords sent without their pattern, and lockouts. */
  readonly alertsOnly?: boolean;
  readonly limit: number;
}

/** Query side: projections of the event store, caught up on demand and in the background. */
export interface ReadModels {
  /** Applies every event stored so far; afterwards reads reflect all acknowledged appends. */
  catchUp(): Promise<void>;
  getUser(key: string): Promise<UserView | null>;
  listUsers(): Promise<UserView[]>;
  /** Newest first. */
  queryAudit(filter: AuditFilter): Promise<AuditEntry[]>;
}
