// The vocabulary of access decisions, shared by the pure policy core, the subgraphs that enforce it
// and the audit trail. Few decision values, with a clear precedence (see decide.ts).
import type { Agency, DataCategory, Purpose, RelationshipKind } from '@hub/schema';
import type { Caller } from '../identity';

/** Who gave a consent. A parent decides for a child; the young person from the end of compulsory
 *  school age (unless they lack capacity: then a parent or a Court of Protection deputy); a
 *  Gillick-competent child under 16 may decide for themselves. */
export type Decider = 'PARENT' | 'YOUNG_PERSON' | 'GILLICK_COMPETENT_CHILD' | 'DEPUTY';

export interface ConsentProvision {
  effect: 'PERMIT' | 'DENY';
  categories: DataCategory[];
  /** Recipient agencies; empty with empty orgs means "any recipient". */
  agencies: Agency[];
  /** Recipient organisations (ODS or LA codes), for consents narrower than an agency. */
  orgs: string[];
  /** Empty means every purpose. */
  purposes: Purpose[];
  /** ISO dates, inclusive; null = open. */
  start: string | null;
  end: string | null;
}

export interface ConsentView {
  id: string;
  decider: Decider;
  /** Recorded with the consent: the young person lacks capacity for this decision. */
  youngPersonLacksCapacity: boolean;
  /** ISO timestamp the consent was given. */
  givenAt: string;
  /** ISO timestamp it was withdrawn, or null. A withdrawn consent grants and denies nothing. */
  withdrawnAt: string | null;
  provisions: ConsentProvision[];
}

export interface RelationshipView {
  kind: RelationshipKind;
  agency: Agency;
  org: string;
  /** The allocated or self-claiming professional; null for a request to an organisation. */
  userSub: string | null;
  start: string;
  /** ISO date, inclusive; null = open. */
  end: string | null;
}

export interface BreakGlassView {
  id: string;
  userSub: string;
  /** The organisation the user acted for: a grant does not follow the user to another one. */
  userOrg?: string;
  /** ISO timestamps. */
  startedAt: string;
  expiresAt: string;
}

/** A family member's link to the child (family.ts): who they are to the child, for how long. */
export interface FamilyLinkView {
  userSub: string;
  relation: 'PARENT' | 'YOUNG_PERSON';
  /** Recorded with the link: the young person lacks capacity, so the parent still sees by right. */
  youngPersonLacksCapacity: boolean;
  /** ISO dates, inclusive; end null = open. */
  start: string;
  end: string | null;
}

/** An agency's marking: this category of its data about the child is not to be disclosed to the
 *  family (UK GDPR Sch. 3 serious-harm exemption), beyond child protection, which is always closed. */
export interface FamilyWithholdingView {
  agency: Agency;
  category: DataCategory;
}

/** Everything the hub knows that bears on access to one child, as of one request. */
export interface AccessContext {
  childId: string;
  /** ISO date of birth, when the child index knows it (age-based capacity needs it). */
  dateOfBirth: string | null;
  consents: ConsentView[];
  relationships: RelationshipView[];
  breakGlass: BreakGlassView[];
  /** The family members linked to the child (absent in contexts signed before links existed). */
  family?: FamilyLinkView[];
  /** Agencies' current "not to be disclosed to the family" markings (absent in older contexts). */
  familyWithheld?: FamilyWithholdingView[];
}

/** Who owns a subgraph's data: an agency, or the family (their own account: no agency owns it). */
export type DataOwner = Agency | 'FAMILY';

export type WithholdReason = 'NO_CONSENT' | 'NO_RELATIONSHIP' | 'ROLE';
/** ROLE: the caller's role is itself the basis (a privacy officer's oversight, a source system, a
 *  team manager allocating in their own agency): governance's records only, never agency data. */
export type Basis = 'RELATIONSHIP' | 'CONSENT' | 'BREAK_GLASS' | 'ROLE';

export type Decision =
  { effect: 'PERMIT'; basis: Basis; consentId?: string; breakGlassId?: string } | { effect: 'DENY'; reason: WithholdReason };

export interface DecisionRequest {
  caller: Caller;
  purpose: Purpose;
  /** Whose data it is (the subgraph deciding): an agency, or the family's own words. */
  owner: DataOwner;
  category: DataCategory;
  context: AccessContext;
  /** ISO timestamp of the request. */
  now: string;
}
