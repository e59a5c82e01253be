import { loginKey } from '../../domain/user/username';
import { requireStaff, type Principal } from '../principal';
import type { KeyedDigest } from '../ports/digest';
import type { AuditEntry, ReadModels } from '../ports/readModels';

export interface AuditQuery {
  readonly username?: string;
  readonly type?: string;
  readonly outcome?: 'succeeded' | 'failed';
  readonly reason?: string;
  readonly from?: string;
  readonly to?: string;
  readonly limit: number;
  /** Opaque to clients: the position of the last item of the previous page. */
  readonly cursor?: bigint;
  readonly alertsOnly?: boolean;
}

export interface AuditPage {
  readonly items: AuditEntry[];
  readonly nextCursor: bigint | null;
}

/**
 * Newest first. A username matches both its own events and attempts recorded under the digest of
 * that name before (or without) any user having it.
 */
export const queryAudit =
  (deps: { readModels: ReadModels; digest: KeyedDigest }) =>
  async (principal: Principal, query: AuditQuery): Promise<AuditPage> => {
    requireStaff(principal);
    await deps.readModels.catchUp();
    const key = query.username === undefined ? undefined : loginKey(query.username);
    const items = await deps.readModels.queryAudit({
      ...(key !== undefined && { usernames: [key, `#${deps.digest.digest(key)}`] }),
      ...(query.type !== undefined && { type: query.type }),
      ...(query.outcome !== undefined && { outcome: query.outcome }),
      ...(query.reason !== undefined && { reason: query.reason }),
      ...(query.from !== undefined && { from: query.from }),
      ...(query.to !== undefined && { to: query.to }),
      ...(query.cursor !== undefined && { before: query.cursor }),
      ...(query.alertsOnly && { alertsOnly: true }),
      limit: query.limit + 1,
    });
    const page = items.slice(0, query.limit);
    return { items: page, nextCursor: items.length > query.limit ? page[page.length - 1].position : null };
  };
