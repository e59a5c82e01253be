import type { IncomingMessage, ServerResponse } from 'node:http';
import express, { type RequestHandler } from 'express';
import { findDuplicateKey } from './duplicateKeys';
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
  const parse = express.json({ limit, strict: true, type: 'application/json', verify: oneReading });
  return [requireJson, parse];
}

/**
 * Runs on the raw bytes, before JSON.parse, and refuses what could be read two ways: a body in
 * UTF-16 or UTF-32 (body-parser would decode them; RFC 8259 allows UTF-8 only, and a proxy or
 * filter in front may see other bytes than we do), and a member name given twice in one object
 * (JSON.parse keeps the last, other parsers the first). `encoding` is the declared charset,
 * lower-cased, 'utf-8' when none is declared.
 */
function oneReading(_req: IncomingMessage, _res: ServerResponse, body: Buffer, encoding: string): void {
  if (encoding !== 'utf-8' && encoding !== 'utf8') throw new HttpProblem(problem(415, 'request body must be UTF-8 JSON'));
  const duplicate = findDuplicateKey(body.toString('utf8'));
  if (duplicate !== null) {
    throw new HttpProblem(problem(400, 'request body is invalid', [{ field: duplicate, message: 'property name appears more than once' }]));
  }
}
