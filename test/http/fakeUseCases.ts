import { AccessDenied, type Principal } from '../../src/application/principal';
import type { UserSummary } from '../../src/application/queries/getUser';
import type { UseCases } from '../../src/application/useCases';

/**
 * A UseCases double for pure HTTP concerns: each method records its arguments, then runs an
 * override or a plain default. Two bearer tokens are known: STAFF_TOKEN and USER_TOKEN.
 */
export const STAFF_TOKEN = 'staff.token';
export const USER_TOKEN = 'user.token';
export const STAFF: Principal = { key: 'boss', staff: true };
export const USER: Principal = { key: 'alice', staff: false };

export interface Call {
  readonly method: keyof UseCases;
  readonly args: readonly unknown[];
}

export function summaryOf(username: string, staff = false): UserSummary {
  return { username, staff, active: true, dynamicPassword: { required: false, source: 'global' } };
}

const defaults: UseCases = {
  login: async () => ({ ok: false }),
  authenticate: async (bearer) => {
    if (bearer === STAFF_TOKEN) return STAFF;
    if (bearer === USER_TOKEN) return USER;
    throw new AccessDenied('unauthenticated', 'a valid bearer token is required');
  },
  registerUser: async (_principal, input) => summaryOf(input.username, input.staff),
  changePassword: async () => undefined,
  administerUser: async () => undefined,
  enableDynamicPassword: async () => undefined,
  getUser: async (_principal, username) => summaryOf(username),
  listUsers: async () => [summaryOf('alice'), summaryOf('boss', true)],
  queryAudit: async () => ({ items: [], nextCursor: null }),
  unlockAccount: async () => undefined,
  queryAlerts: async () => ({ items: [], nextCursor: null }),
};

export function fakeUseCases(overrides: Partial<UseCases> = {}): { useCases: UseCases; calls: Call[]; callsTo: (method: keyof UseCases) => Call[] } {
  const calls: Call[] = [];
  const implementations = { ...defaults, ...overrides } as Record<keyof UseCases, (...args: unknown[]) => Promise<unknown>>;
  const useCases = Object.fromEntries(
    (Object.keys(defaults) as (keyof UseCases)[]).map((method) => [
      method,
      (...args: unknown[]) => {
        calls.push({ method, args });
        return implementations[method](...args);
      },
    ]),
  ) as unknown as UseCases;
  return { useCases, calls, callsTo: (method) => calls.filter((call) => call.method === method) };
}

/** Calls other than authenticating: what a rejected request must never reach. */
export function businessCalls(calls: readonly Call[]): Call[] {
  return calls.filter((call) => call.method !== 'authenticate');
}
