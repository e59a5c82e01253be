/** Who is asking: an authenticated, active user, as of the request. */
export interface Principal {
  readonly key: string;
  readonly staff: boolean;
}

export const SYSTEM_ACTOR = 'system';

export class AccessDenied extends Error {
  override readonly name = 'AccessDenied';
  constructor(
    readonly code: 'unauthenticated' | 'forbidden',
    message: string,
  ) {
    super(message);
  }
}

export function requireStaff(principal: Principal): void {
  if (!principal.staff) throw new AccessDenied('forbidden', 'staff only');
}
