// Who may ask for, see and answer a correction request: the family's own words, addressed to one
// agency about one kind of its records. Pure. The schema's categories cannot express it (a request is
// neither the agency's data nor the family's story for everyone), so this decides it, and the family
// service audits each decision as it would a category's.
//
//   Family member: exactly what they may see of that agency's records of that kind (family.ts: their
//     own linked child only; never child protection or what the agency marked not to be disclosed;
//     a parent after the end of compulsory school age as the young person consents) -> that decision.
//     Only what they could read could they have found wrong through the hub.
//   Professional: a current relationship of their own (not break glass: answering is the agency's
//     ordinary work, not an emergency) acting for the agency the request is addressed to ->
//     PERMIT RELATIONSHIP; another agency -> DENY ROLE; no relationship -> DENY NO_RELATIONSHIP.
//   Anyone else -> DENY ROLE.
import type { Agency, DataCategory } from '@hub/schema';
import type { Caller } from '../identity';
import { hasActiveRelationship, isProfessional } from './decide';
import { familyDecision, isFamily } from './family';
import type { AccessContext, Decision } from './types';

export function correctionDecision(
  caller: Caller,
  context: AccessContext | null | undefined,
  about: { agency: Agency; category: DataCategory },
  now: string,
): Decision {
  if (!context) return { effect: 'DENY', reason: 'NO_RELATIONSHIP' };
  if (isFamily(caller) && !isProfessional(caller)) return familyDecision(caller, context, about.category, now, about.agency);
  if (!isProfessional(caller)) return { effect: 'DENY', reason: 'ROLE' };
  if (!hasActiveRelationship(caller, context.relationships, now.slice(0, 10))) return { effect: 'DENY', reason: 'NO_RELATIONSHIP' };
  if (caller.agency !== about.agency) return { effect: 'DENY', reason: 'ROLE' };
  return { effect: 'PERMIT', basis: 'RELATIONSHIP' };
}
