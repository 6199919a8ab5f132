// The access decision: may this caller see this category of this agency's data about this child,
// for this purpose, now? Pure: everything it needs is in the request.
//
// Decide early, redact late: the guard (enforce.ts) calls decide() once per (caller, child,
// category) before a field resolves, and nulls the withheld fields when it answers. The first step that settles
// the question wins:
//
//   a. ROLE          Only professionals who act for an agency (ehc_coordinator, health_practitioner,
//                    designated_clinical_officer, social_worker) or a source system (integration)
//                    see identifiable records. Commissioners see aggregates only; privacy officers
//                    review audit, not records. No agency -> DENY ROLE.
//                    An integration caller reads its own agency's data (PERMIT RELATIONSHIP, no
//                    relationship needed) and nothing else (DENY ROLE), unless the same token also
//                    carries a professional role, in which case the professional rules below apply.
//   b. BREAK GLASS   The caller's own break-glass on this child, started and not yet expired
//                    (startedAt <= now < expiresAt) -> PERMIT BREAK_GLASS, any category, any agency.
//                    The safeguarding override; it still needs a professional role from (a).
//   c. RELATIONSHIP  Need-to-know: an active ALLOCATION or SELF_CLAIM of the caller acting for the
//                    same agency AND organisation (a user acting for another organisation does not
//                    inherit it), or an active ADVICE_REQUEST to the caller's agency and
//                    organisation (to anyone there, or to the caller) -> otherwise DENY NO_RELATIONSHIP.
//   d. OWN AGENCY    The caller's agency owns the data -> PERMIT RELATIONSHIP.
//   e. CONSENT       Another agency's data needs the family's sharing consent. Consents count when
//                    given by now, not withdrawn by now, and given by someone entitled to decide
//                    today (capacity.ts). A provision applies when it covers the category, the
//                    recipient (caller's agency or org; none listed = anyone), the purpose (none
//                    listed = all) and today. Any applicable DENY -> DENY NO_CONSENT (deny beats
//                    permit, across all consents). Else an applicable PERMIT -> PERMIT CONSENT,
//                    naming the most recently given permitting consent. Else DENY NO_CONSENT.
//
// "now" is an ISO timestamp; timestamps are compared as instants. "today" is the date part of
// `now` as written (YYYY-MM-DD); date fields (relationship and provision periods) are compared as
// dates, inclusive at both ends.
import { PROFESSIONAL_ROLES, type DataCategory, type Role } from '@hub/schema';
import type { Caller } from '../identity';
import { familyDecision, isFamily } from './family';
import { consentCounts, within } from './periods';
import type { AccessContext, ConsentProvision, ConsentView, Decision, DecisionRequest, RelationshipView } from './types';

export type DecisionRequestForCategories = Omit<DecisionRequest, 'category'>;

function instant(iso: string): number {
  return Date.parse(iso);
}

function dateOf(iso: string): string {
  return iso.slice(0, 10);
}

export function isProfessional(caller: Caller): boolean {
  return caller.roles.some((r) => (PROFESSIONAL_ROLES as readonly Role[]).includes(r));
}

/** A relationship that gives this caller need-to-know today (step c). */
export function hasActiveRelationship(caller: Caller, relationships: readonly RelationshipView[], today: string): boolean {
  return relationships.some((r) => {
    if (!within(today, r.start, r.end)) return false;
    // A relationship belongs to a user acting for one organisation: the same user id under another
    // organisation's token does not inherit it.
    if (r.kind !== 'ADVICE_REQUEST') return r.userSub === caller.sub && r.agency === caller.agency && r.org === caller.org;
    // An LA code (LA937) names both its education and its social care service, so a request for
    // advice binds agency and organisation together.
    return r.agency === caller.agency && r.org === caller.org && (r.userSub === null || r.userSub === caller.sub);
  });
}

/**
 * A relationship that lets a professional act on the family's behalf (record or withdraw consent,
 * bring a family member in): one that names them — an allocation, or a request for advice to them —
 * never their own claim (a self-claim lets them see, pending a privacy officer's review; else a
 * claim could write its own consent), nor a request for advice to their whole organisation (that
 * lets everyone there see the child, not speak for the family).
 */
export function hasRelationshipToActForFamily(caller: Caller, relationships: readonly RelationshipView[], today: string): boolean {
  return hasActiveRelationship(
    caller,
    relationships.filter((r) => r.kind !== 'SELF_CLAIM' && r.userSub !== null),
    today,
  );
}

/** The category-independent part of a provision's match: recipient, purpose, period. */
function provisionApplies(p: ConsentProvision, req: DecisionRequestForCategories, today: string): boolean {
  const { caller } = req;
  const anyRecipient = p.agencies.length === 0 && p.orgs.length === 0;
  const recipient = anyRecipient || (caller.agency !== undefined && p.agencies.includes(caller.agency)) || p.orgs.includes(caller.org);
  return recipient && (p.purposes.length === 0 || p.purposes.includes(req.purpose)) && within(today, p.start, p.end);
}

/** Most recently given first; id breaks ties so the choice never depends on input order. */
function laterThan(a: ConsentView, b: ConsentView): boolean {
  const ga = instant(a.givenAt);
  const gb = instant(b.givenAt);
  return ga !== gb ? ga > gb : a.id > b.id;
}

/** What the category-independent steps (a)-(d) settled, or the consent picture for step (e). */
type Prepared =
  | { kind: 'settled'; decision: Decision }
  | { kind: 'consent'; denied: ReadonlySet<DataCategory>; permittedBy: ReadonlyMap<DataCategory, ConsentView> };

function prepare(req: DecisionRequestForCategories): Prepared {
  const { caller, context, owner, now } = req;
  const nowMs = instant(now);
  if (Number.isNaN(nowMs)) throw new RangeError('decide: now is not an ISO timestamp');
  const today = dateOf(now);

  // (a) ROLE
  if (caller.agency === undefined) return settled({ effect: 'DENY', reason: 'ROLE' });
  const professional = isProfessional(caller);
  if (caller.roles.includes('integration')) {
    if (owner === caller.agency) return settled({ effect: 'PERMIT', basis: 'RELATIONSHIP' });
    if (!professional) return settled({ effect: 'DENY', reason: 'ROLE' });
  } else if (!professional) {
    return settled({ effect: 'DENY', reason: 'ROLE' });
  }

  // (b) BREAK GLASS: the latest-started open one, for a deterministic id.
  let glass: AccessContext['breakGlass'][number] | undefined;
  for (const g of context.breakGlass) {
    if (g.userSub !== caller.sub || (g.userOrg !== undefined && g.userOrg !== caller.org)) continue;
    if (!(instant(g.startedAt) <= nowMs && nowMs < instant(g.expiresAt))) continue;
    if (!glass || instant(g.startedAt) > instant(glass.startedAt) || (instant(g.startedAt) === instant(glass.startedAt) && g.id > glass.id))
      glass = g;
  }
  if (glass) return settled({ effect: 'PERMIT', basis: 'BREAK_GLASS', breakGlassId: glass.id });

  // (c) RELATIONSHIP
  if (!hasActiveRelationship(caller, context.relationships, today)) return settled({ effect: 'DENY', reason: 'NO_RELATIONSHIP' });

  // (d) OWN AGENCY
  if (owner === caller.agency) return settled({ effect: 'PERMIT', basis: 'RELATIONSHIP' });

  // (e) CONSENT: everything but the category is settled here, once.
  const denied = new Set<DataCategory>();
  const permittedBy = new Map<DataCategory, ConsentView>();
  for (const c of context.consents) {
    if (!consentCounts(c, context, nowMs, today)) continue;
    for (const p of c.provisions) {
      if (!provisionApplies(p, req, today)) continue;
      for (const category of p.categories) {
        if (p.effect === 'DENY') {
          denied.add(category);
        } else {
          const best = permittedBy.get(category);
          if (!best || laterThan(c, best)) permittedBy.set(category, c);
        }
      }
    }
  }
  return { kind: 'consent', denied, permittedBy };
}

function settled(decision: Decision): Prepared {
  return { kind: 'settled', decision };
}

function decideCategory(prepared: Prepared, category: DataCategory): Decision {
  if (prepared.kind === 'settled') return { ...prepared.decision };
  if (prepared.denied.has(category)) return { effect: 'DENY', reason: 'NO_CONSENT' };
  const consent = prepared.permittedBy.get(category);
  if (consent) return { effect: 'PERMIT', basis: 'CONSENT', consentId: consent.id };
  return { effect: 'DENY', reason: 'NO_CONSENT' };
}

/** The decision for one category of one agency's data about one child. */
export function decide(req: DecisionRequest): Decision {
  // The family is no agency: its own rules (family.ts), whatever agency owns the data.
  if (isFamily(req.caller) && !isProfessional(req.caller)) return familyDecision(req.caller, req.context, req.category, req.now, req.owner);
  return decideCategory(prepare(req), req.category);
}

/**
 * Decisions for several categories at once for one (caller, child, owner, purpose, now): role,
 * break glass, relationship and the consent picture are worked out once, then each category is a
 * lookup. Each entry equals decide({ ...req, category }).
 */
export function decideAll(req: DecisionRequestForCategories, categories: Iterable<DataCategory>): Map<DataCategory, Decision> {
  const out = new Map<DataCategory, Decision>();
  if (isFamily(req.caller) && !isProfessional(req.caller)) {
    for (const category of categories) out.set(category, familyDecision(req.caller, req.context, category, req.now, req.owner));
    return out;
  }
  const prepared = prepare(req);
  for (const category of categories) out.set(category, decideCategory(prepared, category));
  return out;
}
