import 'reflect-metadata';
import express from 'express';
import type { UseCases } from '../../application/useCases';
import { alertRoutes, auditRoutes } from './auditRoutes';
import { authRoutes } from './authRoutes';
import { jsonBody } from './body';
import { healthRoutes } from './healthRoutes';
import { errorHandler, notFound, requestLog, securityHeaders, type Log } from './middleware';
import { throttlePerAddress } from './throttle';
import { userRoutes } from './userRoutes';

export interface HttpAppOptions {
  /** Largest accepted request body, in body-parser's notation. Default '16kb'. */
  readonly bodyLimit?: string;
  /** Addresses or CIDRs of proxies whose X-Forwarded-For is believed. Default: none. */
  readonly trustProxy?: readonly string[];
  /** Receives one structured line per request and one per unexpected error. */
  readonly log?: Log;
  /** Login attempts per client address per minute; 0 turns throttling off. Default 120. */
  readonly loginRatePerMinute?: number;
  /** The application's clock, for throttling windows. */
  readonly now?: () => Date;
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
  const throttle = throttlePerAddress(options.loginRatePerMinute ?? 120, options.now ?? (() => new Date()));
  app.use('/auth', authRoutes(useCases, json, throttle));
  app.use('/users', userRoutes(useCases, json));
  app.use('/audit', auditRoutes(useCases));
  app.use('/alerts', alertRoutes(useCases));
  app.use(notFound);
  app.use(errorHandler(log));
  return app;
}
