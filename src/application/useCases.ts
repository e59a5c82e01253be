import type { AdminAction } from './commands/administerUser';
import type { LoginInput, LoginResult } from './commands/attemptLogin';
import type { Principal } from './principal';
import type { AuditPage, AuditQuery } from './queries/queryAudit';
import type { UserSummary } from './queries/getUser';

/** Everything the interfaces (HTTP, CLI) may ask of the application, wired in the composition root. */
export interface UseCases {
  login(input: LoginInput): Promise<LoginResult>;
  /** Throws AccessDenied('unauthenticated') for a missing, bad, expired or outdated token. */
  authenticate(bearer: string | undefined): Promise<Principal>;
  /** Staff only; throws DomainError('username_taken') when the name is taken. */
  registerUser(principal: Principal, input: { username: string; password: string; staff: boolean }): Promise<UserSummary>;
  /** Changing one's own password needs the current credential, as typed at login. */
  changePassword(principal: Principal, username: string, password: string, currentPassword?: string): Promise<void>;
  administerUser(principal: Principal, username: string, action: AdminAction): Promise<void>;
  enableDynamicPassword(principal: Principal, username: string, options: { pattern?: string; timeZone?: string }): Promise<void>;
  getUser(principal: Principal, username: string): Promise<UserSummary>;
  listUsers(principal: Principal): Promise<UserSummary[]>;
  queryAudit(principal: Principal, query: AuditQuery): Promise<AuditPage>;
  /** Staff only: ends a lock and resets the failure ladder; 404 for names no user has. */
  unlockAccount(principal: Principal, username: string): Promise<void>;
  /** Staff only: static passwords sent without their pattern, and lockouts; newest first. */
  queryAlerts(principal: Principal, query: Pick<AuditQuery, 'limit' | 'cursor'>): Promise<AuditPage>;
}
