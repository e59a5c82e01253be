import 'reflect-metadata';
import express from 'express';
import type { UseCases } from '../../application/useCases';
import { auditRoutes } from './auditRoutes';
import { authRoutes } from './authRoutes';
import { jsonBody } from './body';
import { healthRoutes } from './healthRoutes';
import { errorHandler, notFound, requestLog, securityHeaders, type Log } from './middleware';
import { userRoutes } from './userRoutes';

export interface HttpAppOptions {
  /** Largest accepted request body, in body-parser's notation. Default '16kb'. */
  readonly bodyLimit?: string;
  /** Addresses or CIDRs of proxies whose X-Forwarded-For is believed. Default: none. */
  readonly trustProxy?: readonly string[];
  /** Receives one structured line per request and one per unexpected error. */
  readonly log?: Log;
}

export function createHttpApp(useCases: UseCases, options: HttpAppOptions = {}): express.Express {
  const app = express();
  const log = options.log ?? (() => undefined);
  app.disable('x-powered-by');
  // Responses are no-store API answers; an ETag would only add a header that varies.
  app.set('etag', false);
  app.set('query parser', 'simple');
  // Express (proxy-addr) walks X-Forwarded-For from the socket outwards through these addresses
  // only; an invalid CIDR throws here, at start-up.
  const trusted = options.trustProxy ?? [];
  app.set('trust proxy', trusted.length > 0 ? [...trusted] : false);

  const json = jsonBody(options.bodyLimit ?? '16kb');
  app.use(securityHeaders);
  app.use(requestLog(log));
  app.use('/healthz', healthRoutes());
  app.use('/auth', authRoutes(useCases, json));
  app.use('/users', userRoutes(useCases, json));
  app.use('/audit', auditRoutes(useCases));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
