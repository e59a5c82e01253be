import type { RequestHandler } from 'express';
import { isIP } from 'node:net';
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
    const address = clientKey(req.ip);
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

/**
 * One bucket per client: IPv4 addresses as they are (IPv4-mapped IPv6 included), IPv6 per /64
 * (what one subscriber usually holds), and whatever is not an address in one shared bucket.
 */
export function clientKey(ip: string | undefined): string {
  if (ip === undefined || isIP(ip) === 0) return 'not-an-address';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (isIP(ip) === 4 || mapped) return mapped ? mapped[1] : ip;
  const hextets = expandIpv6(ip);
  return `${hextets.slice(0, 4).join(':')}::/64`;
}

/** Eight lower-case, unpadded hextets of an IPv6 address (zone id dropped). */
function expandIpv6(ip: string): string[] {
  const [head, tail = ''] = ip.split('%')[0].toLowerCase().split('::');
  const left = head === '' ? [] : head.split(':');
  const right = tail === '' ? [] : tail.split(':');
  const middle = ip.includes('::') ? Array(8 - left.length - right.length).fill('0') : [];
  return [...left, ...middle, ...right].map((hextet) => hextet.replace(/^0+(?=.)/, ''));
}

function forgetExpired(windows: Map<string, { start: number }>, at: number): void {
  for (const [address, window] of windows) if (at - window.start >= WINDOW_MS) windows.delete(address);
  if (windows.size >= MAX_TRACKED) windows.clear();
}
