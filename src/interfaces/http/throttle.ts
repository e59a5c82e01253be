import type { RequestHandler } from 'express';
import { problem, sendProblem } from './problem';

const WINDOW_MS = 60_000;
/** Bounds memory under address-spraying: past this many tracked addresses, expired ones go first. */
const MAX_TRACKED = 100_000;

/**
 * At most `perMinute` requests per client address in each fixed minute, then 429 with
 * Retry-After. The address is express's `req.ip`, which honours X-Forwarded-For only from the
 * configured trusted proxies. Time comes from the injected clock.
 */
export function throttlePerAddress(perMinute: number, now: () => Date): RequestHandler {
  const windows = new Map<string, { start: number; count: number }>();
  return (req, res, next) => {
    if (perMinute === 0) return next();
    const at = now().getTime();
    const address = req.ip ?? 'unknown';
    let window = windows.get(address);
    if (!window || at - window.start >= WINDOW_MS) {
      if (windows.size >= MAX_TRACKED) forgetExpired(windows, at);
      window = { start: at, count: 0 };
      windows.set(address, window);
    }
    window.count += 1;
    if (window.count <= perMinute) return next();
    res.setHeader('Retry-After', String(Math.max(1, Math.ceil((window.start + WINDOW_MS - at) / 1000))));
    sendProblem(res, problem(429, 'too many login attempts from this address; retry later'));
  };
}

function forgetExpired(windows: Map<string, { start: number }>, at: number): void {
  for (const [address, window] of windows) if (at - window.start >= WINDOW_MS) windows.delete(address);
  if (windows.size >= MAX_TRACKED) windows.clear();
}
