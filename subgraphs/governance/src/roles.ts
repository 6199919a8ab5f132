import { forbidden, hasRole, type SubgraphContext } from '@hub/common';
import { PROFESSIONAL_ROLES, type Role } from '@hub/schema';

export const PROFESSIONAL: readonly Role[] = PROFESSIONAL_ROLES;

export function requireRole(ctx: SubgraphContext<unknown>, ...roles: Role[]): void {
  if (!hasRole(ctx.caller, ...roles)) throw forbidden('ROLE', `needs one of the roles ${roles.join(', ')}`);
}
