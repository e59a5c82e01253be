import express, { type RequestHandler } from 'express';
import { HttpProblem, problem } from './problem';

/**
 * Middleware for routes that take a body: only `application/json` is accepted (415 otherwise),
 * parsed strictly (objects and arrays only) up to `limit` (413 beyond it). A request with no body
 * at all is read as `{}`, as body-parser reads an empty one.
 */
export function jsonBody(limit: string): RequestHandler[] {
  const requireJson: RequestHandler = (req, _res, next) => {
    const mediaType = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (mediaType !== 'application/json') {
      throw new HttpProblem(problem(415, 'request body must be application/json'));
    }
    next();
  };
  const parse = express.json({ limit, strict: true, type: 'application/json' });
  return [requireJson, parse];
}
