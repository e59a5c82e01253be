import type { RequestHandler, Response } from 'express';
import type { Principal } from '../../application/principal';
import type { UseCases } from '../../application/useCases';

/** RFC 6750 `Authorization: Bearer <token68>`; anything else counts as no token. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*) *$/i;

export function bearerToken(header: string | undefined): string | undefined {
  return header === undefined ? undefined : BEARER.exec(header)?.[1];
}

/** Resolves the caller or lets the use case's AccessDenied('unauthenticated') become a 401. */
export function requirePrincipal(useCases: Pick<UseCases, 'authenticate'>): RequestHandler {
  return async (req, res, next) => {
    res.locals.principal = await useCases.authenticate(bearerToken(req.headers.authorization));
    next();
  };
}

export function principalOf(res: Response): Principal {
  const principal = res.locals.principal as Principal | undefined;
  if (principal === undefined) throw new Error('route is missing requirePrincipal');
  return principal;
}
