import { Router } from 'express';
import type { AuditEntry } from '../../application/ports/readModels';
import type { UseCases } from '../../application/useCases';
import { principalOf, requirePrincipal } from './authenticate';
import { AlertQueryParams, AuditQueryParams, toAuditQuery } from './dto/auditQuery';
import { toDto } from './validation';

/** Mounted at /audit. Positions are bigints inside and decimal strings on the wire. */
export function auditRoutes(useCases: Pick<UseCases, 'authenticate' | 'queryAudit'>): Router {
  const router = Router();
  router.use(requirePrincipal(useCases));
  router.get('/', async (req, res) => {
    const params = await toDto(AuditQueryParams, req.query, 'query');
    const page = await useCases.queryAudit(principalOf(res), toAuditQuery(params));
    res.status(200).json({
      items: page.items.map(auditItem),
      nextCursor: page.nextCursor === null ? null : page.nextCursor.toString(),
    });
  });
  return router;
}

/** Mounted at /alerts: the audit's security alerts only, same items and paging. */
export function alertRoutes(useCases: Pick<UseCases, 'authenticate' | 'queryAlerts'>): Router {
  const router = Router();
  router.use(requirePrincipal(useCases));
  router.get('/', async (req, res) => {
    const params = await toDto(AlertQueryParams, req.query, 'query');
    const page = await useCases.queryAlerts(principalOf(res), toAuditQuery(params));
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
