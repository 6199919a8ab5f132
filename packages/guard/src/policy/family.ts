// What a family member (a parent or carer, or the young person) may see of their own child's record.
// Pure. The family is no agency: it sees through a FAMILY LINK (made by a professional who works with
// the child, or by redeeming a one-time invitation), never through role alone, and never another child.
//
//   1. No active link of the caller's own, for their role's relation -> DENY NO_RELATIONSHIP.
//   2. SAFEGUARDING (child protection) -> DENY ROLE: closed to the family by default (UK GDPR Sch. 3
//      harm exemption; an agency discloses it to the family outside the hub, deliberately).
//      Likewise any category an agency has marked "not to be disclosed to the family" for this child
//      (the same exemption, decided case by case by the agency that owns the data) -> DENY ROLE, the
//      same answer as child protection, so the refusal does not itself say that a marking exists.
//   3. The young person sees their own record -> PERMIT RELATIONSHIP.
//   4. A parent, up to the end of the child's compulsory school age (capacity.ts), or later when the
//      young person lacks capacity -> PERMIT RELATIONSHIP. After it, the parent's view follows what
//      the young person consents to: a counting consent decided by the young person with a PERMIT
//      provision naming the recipient `FAMILY` for the category -> PERMIT CONSENT; a DENY naming
//      FAMILY beats it -> DENY NO_CONSENT; nothing -> DENY NO_CONSENT.
// Date of birth unknown: the parent regime applies (as capacity.ts errs towards what was recorded).
import type { DataCategory, Role } from '@hub/schema';
import type { Caller } from '../identity';
import { endOfCompulsorySchoolAge } from './capacity';
import { consentCounts, within } from './periods';
import type { AccessContext, DataOwner, Decision, FamilyLinkView } from './types';

/** The pseudo-recipient a young person's consent names to let their parent see. */
export const FAMILY_RECIPIENT = 'FAMILY';

const RELATION: Partial<Record<Role, FamilyLinkView['relation']>> = { parent_carer: 'PARENT', young_person: 'YOUNG_PERSON' };

export function familyRelation(caller: Caller): FamilyLinkView['relation'] | undefined {
  for (const r of caller.roles) if (RELATION[r]) return RELATION[r];
  return undefined;
}

export function isFamily(caller: Caller): boolean {
  return familyRelation(caller) !== undefined;
}

/** The caller's own active link to the child, for the relation their role names. */
export function familyLinkOf(caller: Caller, context: AccessContext | null, today: string): FamilyLinkView | undefined {
  const relation = familyRelation(caller);
  return context?.family?.find((l) => l.userSub === caller.sub && l.relation === relation && within(today, l.start, l.end));
}

/** Whether a parent still sees by right (before ECSA, or the young person lacks capacity). */
function parentByRight(link: FamilyLinkView, context: AccessContext, today: string): boolean {
  if (link.youngPersonLacksCapacity || context.dateOfBirth === null) return true;
  return today <= endOfCompulsorySchoolAge(context.dateOfBirth);
}

/** Closed to the family whatever their link: child protection always; otherwise what the owning
 *  agency marked not to be disclosed to the family. The family's own words are never closed to them. */
export function closedToFamily(context: AccessContext | null, owner: DataOwner, category: DataCategory): boolean {
  if (category === 'SAFEGUARDING') return true;
  if (owner === 'FAMILY') return false;
  return (context?.familyWithheld ?? []).some((w) => w.agency === owner && w.category === category);
}

export function familyDecision(
  caller: Caller,
  context: AccessContext,
  category: DataCategory,
  now: string,
  owner: DataOwner = 'FAMILY',
): Decision {
  const today = now.slice(0, 10);
  const link = familyLinkOf(caller, context, today);
  if (!link) return { effect: 'DENY', reason: 'NO_RELATIONSHIP' };
  if (closedToFamily(context, owner, category)) return { effect: 'DENY', reason: 'ROLE' };
  if (link.relation === 'YOUNG_PERSON' || parentByRight(link, context, today)) return { effect: 'PERMIT', basis: 'RELATIONSHIP' };
  const nowMs = Date.parse(now);
  let permit: string | undefined;
  for (const c of context.consents) {
    if (c.decider !== 'YOUNG_PERSON' || !consentCounts(c, context, nowMs, today)) continue;
    for (const p of c.provisions) {
      if (!p.orgs.includes(FAMILY_RECIPIENT) || !p.categories.includes(category) || !within(today, p.start, p.end)) continue;
      if (p.effect === 'DENY') return { effect: 'DENY', reason: 'NO_CONSENT' };
      permit = c.id;
    }
  }
  return permit ? { effect: 'PERMIT', basis: 'CONSENT', consentId: permit } : { effect: 'DENY', reason: 'NO_CONSENT' };
}
