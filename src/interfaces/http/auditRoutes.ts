import { Router } from 'express';
import type { AuditEntry } from '../../application/ports/readModels';
import type { Principal } from '../../application/principal';
import type { AuditPage, AuditQuery } from '../../application/queries/queryAudit';
import type { UseCases } from '../../application/useCases';
import { principalOf, requirePrincipal } from './authenticate';
import { AlertQueryParams, AuditQueryParams, toAuditQuery } from './dto/auditQuery';
import { toDto } from './validation';

/** Mounted at /audit. Positions are bigints inside and decimal strings on the wire. */
export function auditRoutes(useCases: Pick<UseCases, 'authenticate' | 'queryAudit'>): Router {
  return pagedAuditRoute(useCases, AuditQueryParams, useCases.queryAudit);
}

/** Mounted at /alerts: the audit's security alerts only, same items and paging. */
export function alertRoutes(useCases: Pick<UseCases, 'authenticate' | 'queryAlerts'>): Router {
  return pagedAuditRoute(useCases, AlertQueryParams, useCases.queryAlerts);
}

function pagedAuditRoute(
  useCases: Pick<UseCases, 'authenticate'>,
  Params: typeof AuditQueryParams | typeof AlertQueryParams,
  query: (principal: Principal, query: AuditQuery) => Promise<AuditPage>,
): Router {
  const router = Router();
  router.use(requirePrincipal(useCases));
  router.get('/', async (req, res) => {
    const params = await toDto(Params, req.query, 'query');
    const page = await query(principalOf(res), toAuditQuery(params));
    res.status(200).json({
      items: page.items.map(auditItem),
      nextCursor: page.nextCursor === null ? null : page.nextCursor.toString(),
    });
  });
  return router;
}

function auditItem(entry: AuditEntry): Record<string, string> {
  return {
    position: entry.position.toString(),
    at: entry.at,
    type: entry.type,
    username: entry.username,
    actor: entry.actor,
    ...(entry.outcome !== undefined && { outcome: entry.outcome }),
    ...(entry.reason !== undefined && { reason: entry.reason }),
    ...(entry.ip !== undefined && { ip: entry.ip }),
  };
}
