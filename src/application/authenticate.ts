import { loadUser } from './handleUserCommand';
import { AccessDenied, type Principal } from './principal';
import type { Clock } from './ports/clock';
import type { EventStore } from './ports/eventStore';
import type { TokenService } from './ports/tokens';

/**
 * Reads the token's user from the event store on every request, not from a projection: a revoked
 * staff role, a deactivation or a password change takes effect on the very next request.
 */
export const authenticate =
  (deps: { store: EventStore; clock: Clock; tokens: TokenService }) =>
  async (bearer: string | undefined): Promise<Principal> => {
    const claims = bearer ? deps.tokens.read(bearer, deps.clock.now()) : null;
    if (!claims) throw new AccessDenied('unauthenticated', 'a valid bearer token is required');
    const { state } = await loadUser(deps.store, claims.subject);
    if (state.status !== 'active' || claims.issuedAt.getTime() < Date.parse(state.sessionsValidFrom)) {
      throw new AccessDenied('unauthenticated', 'a valid bearer token is required');
    }
    return { key: claims.subject, staff: state.staff };
  };
