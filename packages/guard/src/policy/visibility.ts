// Whether a caller may learn anything at all about one child: the gate in front of every look-up
// of a child (by hub id or identifier) and of governance's own records about the child. Pure.
//
// A caller who may see nothing about a child must get the same answer whether or not the child
// exists (contract.md), so this is decided from the caller and the access context alone, and an
// unknown child (no context) is refused exactly as a known one without a relationship is.
import type { Caller } from '../identity';
import { hasActiveRelationship, isProfessional } from './decide';
import { familyLinkOf, isFamily } from './family';
import type { AccessContext, Basis, WithholdReason } from './types';

export type Visibility = { visible: true; basis: Basis; breakGlassId?: string } | { visible: false; reason: WithholdReason };

/**
 * - privacy officers: visible (ROLE), to review trails; every look-up is audited by governance;
 * - a source system (integration): visible (ROLE), it links its agency's records to children;
 * - a professional: their own open break glass, or a relationship that binds them today;
 * - a parent or young person: their own linked child (family.ts);
 * - anyone else (commissioners, team managers): ROLE.
 */
export function childVisibility(caller: Caller, context: AccessContext | null, now: string): Visibility {
  if (caller.roles.includes('privacy_officer') || caller.roles.includes('integration')) return { visible: true, basis: 'ROLE' };
  // A family member sees their own linked child only: any other, known or not, is NO_RELATIONSHIP.
  if (isFamily(caller) && !isProfessional(caller))
    return familyLinkOf(caller, context, now.slice(0, 10))
      ? { visible: true, basis: 'RELATIONSHIP' }
      : { visible: false, reason: 'NO_RELATIONSHIP' };
  if (!isProfessional(caller) || caller.agency === undefined) return { visible: false, reason: 'ROLE' };
  if (!context) return { visible: false, reason: 'NO_RELATIONSHIP' };
  const nowMs = Date.parse(now);
  const glass = context.breakGlass.find(
    (g) =>
      g.userSub === caller.sub &&
      (g.userOrg === undefined || g.userOrg === caller.org) &&
      Date.parse(g.startedAt) <= nowMs &&
      nowMs < Date.parse(g.expiresAt),
  );
  if (glass) return { visible: true, basis: 'BREAK_GLASS', breakGlassId: glass.id };
  if (hasActiveRelationship(caller, context.relationships, now.slice(0, 10))) return { visible: true, basis: 'RELATIONSHIP' };
  return { visible: false, reason: 'NO_RELATIONSHIP' };
}
