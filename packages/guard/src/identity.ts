import { AGENCIES, AGENCY_FROM_CLAIM_ROLES, ROLES, ROLE_AGENCY, isCode, type Agency, type Role } from '@hub/schema';

/** Who is asking, as vouched for by the gateway. */
export interface Caller {
  sub: string;
  name: string;
  org: string;
  roles: Role[];
  /** The agency the caller acts for; undefined for commissioners and privacy officers. */
  agency?: Agency;
}

/** Builds a Caller from verified claims, or throws with a reason that names no personal data. */
export function callerFromClaims(claims: Record<string, unknown>): Caller {
  const { sub, name, org, roles, agency } = claims;
  if (typeof sub !== 'string' || !sub) throw new Error('token has no sub');
  if (typeof org !== 'string' || !org) throw new Error('token has no org');
  if (!Array.isArray(roles) || roles.length === 0 || !roles.every((r) => isCode(ROLES, r)))
    throw new Error('token roles are missing or unknown');
  const typed = roles as Role[];
  let callerAgency: Agency | undefined;
  for (const r of typed) {
    const a = isCode(AGENCY_FROM_CLAIM_ROLES, r) ? agency : ROLE_AGENCY[r];
    if (isCode(AGENCIES, a)) callerAgency = a;
  }
  for (const r of AGENCY_FROM_CLAIM_ROLES)
    if (typed.includes(r) && !isCode(AGENCIES, agency)) throw new Error(`${r} token needs an agency claim`);
  return { sub, name: typeof name === 'string' ? name : sub, org, roles: typed, agency: callerAgency };
}

export function hasRole(caller: Caller, ...roles: Role[]): boolean {
  return caller.roles.some((r) => roles.includes(r));
}
