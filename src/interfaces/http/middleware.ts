import type { ErrorRequestHandler, Request, RequestHandler } from 'express';
import { problem, problemFromError, sendProblem } from './problem';

export type LogLine = Record<string, unknown>;
export type Log = (line: LogLine) => void;

const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  // Browsers honour it over HTTPS only, i.e. behind the TLS-terminating proxy this is meant for.
  'Strict-Transport-Security': 'max-age=31536000',
};

/** Set first, so every response carries them, errors and 404s included. */
export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.set(SECURITY_HEADERS);
  next();
};

/** The path without its query string: a query may carry a username one would rather not log. */
function pathOf(req: Request): string {
  return req.originalUrl.split('?')[0];
}

/** One line per request: never a body, a query string or a header. */
export function requestLog(log: Log): RequestHandler {
  return (req, res, next) => {
    const start = process.hrtime.bigint();
    res.once('close', () => {
      const ms = Math.round(Number(process.hrtime.bigint() - start) / 1e4) / 100;
      log({ method: req.method, path: pathOf(req), status: res.statusCode, ms, ...(!res.writableFinished && { aborted: true }) });
    });
    next();
  };
}

export const notFound: RequestHandler = (_req, res) => {
  sendProblem(res, problem(404, 'no such resource'));
};

/**
 * Known errors become their problem; anything else is a 500 with a generic detail, logged by name,
 * message and stack only: error objects from body parsing carry the raw body, so none is logged whole.
 */
export function errorHandler(log: Log): ErrorRequestHandler {
  return (err, req, res, next) => {
    if (res.headersSent) {
      next(err);
      return;
    }
    const known = problemFromError(err);
    if (known !== null) {
      sendProblem(res, known);
      return;
    }
    log({ level: 'error', method: req.method, path: pathOf(req), error: describe(err) });
    sendProblem(res, problem(500, 'internal error'));
  };
}

function describe(err: unknown): LogLine {
  return err instanceof Error ? { name: err.name, message: err.message, stack: err.stack } : { thrown: typeof err };
}
