// Code lists from shared/docs/domain.md. Everything else imports them from here; the GraphQL enums
// are generated from these arrays (see sdl.ts) so the graph and the validation never drift.

export const AGENCIES = ['EDUCATION', 'HEALTH', 'SOCIAL_CARE'] as const;
export type Agency = (typeof AGENCIES)[number];

/** SEN2 2025 SEN type. NSA is a school-census code only, so it is not here. */
export const SEN_TYPES = ['SPLD', 'MLD', 'SLD', 'PMLD', 'SEMH', 'SLCN', 'HI', 'VI', 'MSI', 'PD', 'ASD', 'DS', 'OTH'] as const;
export type SenType = (typeof SEN_TYPES)[number];

export const SEN_STATUSES = ['NONE', 'SEN_SUPPORT', 'EHC_PLAN'] as const;
export type SenStatus = (typeof SEN_STATUSES)[number];

/** SEN2 request / assessment outcome: Y yes, N no, A not yet decided, W withdrawn, H historical. */
export const SEN2_OUTCOMES = ['Y', 'N', 'A', 'W', 'H'] as const;

/** SEN2 plan cease reason, 1..9. */
export const CEASE_REASONS = ['1', '2', '3', '4', '5', '6', '7', '8', '9'] as const;

/** SEN2 setting codes used where there is no URN/UKPRN. */
export const SEN2_SETTING_CODES = ['OLA', 'OPA', 'EHE', 'EYP', 'OTH', 'NEET', 'NIEC', 'NIEO'] as const;

/** Placement mix for commissioning. */
export const PLACEMENT_TYPES = [
  'MAINSTREAM',
  'RESOURCED_PROVISION',
  'SPECIAL_MAINTAINED',
  'SPECIAL_ACADEMY',
  'SPECIAL_NON_MAINTAINED',
  'SPECIAL_INDEPENDENT',
  'ALTERNATIVE_PROVISION',
  'FE',
  'SPECIALIST_POST16',
  'EHE',
  'NEET',
] as const;
export type PlacementType = (typeof PLACEMENT_TYPES)[number];

/** CIN primary need N0..N9. */
export const CIN_PRIMARY_NEEDS = ['N0', 'N1', 'N2', 'N3', 'N4', 'N5', 'N6', 'N7', 'N8', 'N9'] as const;
export type CinPrimaryNeed = (typeof CIN_PRIMARY_NEEDS)[number];

export const CIN_DISABILITIES = ['NONE', 'MOB', 'HAND', 'PC', 'INC', 'COMM', 'LD', 'HEAR', 'VIS', 'BEH', 'CON', 'AUT', 'DDA'] as const;
export type CinDisability = (typeof CIN_DISABILITIES)[number];

export const CP_CATEGORIES = ['NEG', 'PHY', 'SAB', 'EMO', 'MUL'] as const;
export type CpCategory = (typeof CP_CATEGORIES)[number];

/** Health services the hub tracks waits and episodes for. */
export const HEALTH_SERVICES = ['SALT', 'OT', 'PHYSIO', 'CAMHS', 'COMMUNITY_PAEDIATRICS'] as const;
export type HealthService = (typeof HEALTH_SERVICES)[number];

/** EHC plan sections and the agency that owns each (JOINT / FAMILY / ALL are not agencies). */
export const PLAN_SECTIONS = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H1', 'H2', 'I', 'J', 'K'] as const;
export type PlanSection = (typeof PLAN_SECTIONS)[number];
export const PLAN_SECTION_OWNER: Record<PlanSection, Agency | 'FAMILY' | 'JOINT' | 'ALL'> = {
  A: 'FAMILY',
  B: 'EDUCATION',
  C: 'HEALTH',
  D: 'SOCIAL_CARE',
  E: 'JOINT',
  F: 'EDUCATION',
  G: 'HEALTH',
  H1: 'SOCIAL_CARE',
  H2: 'SOCIAL_CARE',
  I: 'EDUCATION',
  J: 'JOINT',
  K: 'ALL',
};

/** Looked-after (CLA) legal status is summarised; the hub only needs whether and since when. */
export const ROLES = [
  'ehc_coordinator',
  'health_practitioner',
  'designated_clinical_officer',
  'social_worker',
  'commissioner',
  'privacy_officer',
  'integration',
  'team_manager',
  'parent_carer',
  'young_person',
] as const;
export type Role = (typeof ROLES)[number];

/** Roles whose agency comes from the token's `agency` claim (contract.md), not from the role. */
export const AGENCY_FROM_CLAIM_ROLES = ['integration', 'team_manager'] as const satisfies readonly Role[];
type AgencyFromClaimRole = (typeof AGENCY_FROM_CLAIM_ROLES)[number];

/** The agency a role acts for (contract.md). `integration` and `team_manager` take it from the token. */
export const ROLE_AGENCY: Record<Exclude<Role, AgencyFromClaimRole>, Agency | 'COMMISSIONING' | 'GOVERNANCE' | 'FAMILY'> = {
  ehc_coordinator: 'EDUCATION',
  health_practitioner: 'HEALTH',
  designated_clinical_officer: 'HEALTH',
  social_worker: 'SOCIAL_CARE',
  commissioner: 'COMMISSIONING',
  privacy_officer: 'GOVERNANCE',
  parent_carer: 'FAMILY',
  young_person: 'FAMILY',
};

/** Roles that may see an identifiable child's records, subject to need-to-know and consent. */
export const PROFESSIONAL_ROLES = [
  'ehc_coordinator',
  'health_practitioner',
  'designated_clinical_officer',
  'social_worker',
] as const satisfies readonly Role[];

/**
 * Legitimate relationships (need-to-know), as the NHS models them. ALLOCATION: a professional
 * allocated by the agency's source system or a team manager of the same agency and organisation.
 * ADVICE_REQUEST: an organisation asked for EHC advice (education's peer message). SELF_CLAIM: a
 * professional's own claim, with a reason, time-limited and raised for a privacy officer's review.
 */
export const RELATIONSHIP_KINDS = ['ALLOCATION', 'ADVICE_REQUEST', 'SELF_CLAIM'] as const;
export type RelationshipKind = (typeof RELATIONSHIP_KINDS)[number];

/** The longest a self-claimed relationship lasts (days) before it must be allocated properly. */
export const SELF_CLAIM_MAX_DAYS = 30;

/** Who a linked family member is to the child (docs/family.md). */
export const FAMILY_RELATIONS = ['PARENT', 'YOUNG_PERSON'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

/** Where a family's correction request stands (docs/family.md): the agency accepts or declines it. */
export const CORRECTION_STATUSES = ['OPEN', 'ACCEPTED', 'DECLINED'] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];
export const CORRECTION_OUTCOMES = ['ACCEPTED', 'DECLINED'] as const satisfies readonly CorrectionStatus[];
/** The kinds of an agency's records the family may normally be shown: every category but child
 *  protection (always closed to them) and their own words (not an agency's). What a correction
 *  request may be about, and what an agency may mark not to be disclosed to the family. */
export const AGENCY_RECORD_CATEGORIES = [
  'IDENTITY',
  'EDUCATION',
  'HEALTH',
  'MENTAL_HEALTH',
  'SOCIAL_CARE',
] as const satisfies readonly DataCategory[];

/** An invitation to link a family member is redeemable for this many days (issue: 14). */
export const FAMILY_INVITATION_DAYS = 14;

/** How the family gave a consent a professional records on their behalf. */
export const CONSENT_METHODS = ['SIGNED_FORM', 'VERBAL', 'PORTAL', 'ELECTRONIC_FORM'] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];

/** Data categories every personal-data field is classified into (consent is given per category). */
export const DATA_CATEGORIES = ['IDENTITY', 'EDUCATION', 'HEALTH', 'MENTAL_HEALTH', 'SOCIAL_CARE', 'SAFEGUARDING', 'FAMILY'] as const;
export type DataCategory = (typeof DATA_CATEGORIES)[number];

export const PURPOSES = ['DIRECT_CARE', 'EHC_ASSESSMENT', 'EHC_REVIEW', 'SAFEGUARDING'] as const;
export type Purpose = (typeof PURPOSES)[number];

export function isCode<T extends readonly string[]>(list: T, value: unknown): value is T[number] {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}

// ---------------------------------------------------------------------------------------------
// EHC needs assessments (domain.md "EHC needs assessment: the statutory clock"); the clock itself
// is in ehc-clock.ts.

/** Where an EHC needs assessment stands, derived from what has been recorded. */
export const ASSESSMENT_STATUSES = ['AWAITING_DECISION', 'NOT_ASSESSED', 'ASSESSING', 'DRAFT', 'FINAL', 'NOT_ISSUED', 'WITHDRAWN'] as const;
export type AssessmentStatus = (typeof ASSESSMENT_STATUSES)[number];

/** The decision whether to assess, as SEN2 codes: Y assess, N not, A not yet decided, W withdrawn. */
export const ASSESSMENT_DECISIONS = ['Y', 'N', 'A', 'W'] as const;
export type AssessmentDecision = (typeof ASSESSMENT_DECISIONS)[number];

/** Advice the LA seeks (reg 6). */
export const ADVICE_TYPES = ['HEALTH', 'SOCIAL_CARE', 'EDUCATIONAL_PSYCHOLOGY', 'EDUCATION', 'PREPARATION_FOR_ADULTHOOD', 'OTHER'] as const;
export type AdviceType = (typeof ADVICE_TYPES)[number];

/** The agency an advice type must be asked of; undefined = any agency (reg 6(1)(i) "anyone else appropriate"). */
export const ADVICE_TYPE_AGENCY: Record<AdviceType, Agency | undefined> = {
  HEALTH: 'HEALTH',
  SOCIAL_CARE: 'SOCIAL_CARE',
  EDUCATIONAL_PSYCHOLOGY: 'EDUCATION',
  EDUCATION: 'EDUCATION',
  PREPARATION_FOR_ADULTHOOD: undefined,
  OTHER: undefined,
};

/** Where one request for advice stands. */
export const ADVICE_STATUSES = ['OUTSTANDING', 'RECEIVED', 'SUFFICIENT_EXISTING'] as const;
export type AdviceStatus = (typeof ADVICE_STATUSES)[number];

/** Exceptions to the time limits (regs 5(4), 8(2), 10(4), 13(3)). */
export const EXCEPTION_KINDS = ['SETTING_CLOSED', 'EXCEPTIONAL_PERSONAL_CIRCUMSTANCES', 'FAMILY_ABSENT', 'MISSED_APPOINTMENT'] as const;
export type ExceptionKind = (typeof EXCEPTION_KINDS)[number];

/**
 * Timeliness of one step of the clock. Done steps: IN_TIME, LATE, LATE_WITH_EXCEPTION. Steps not
 * done yet: NOT_YET_DUE, OVERDUE, OVERDUE_WITH_EXCEPTION. NOT_APPLICABLE: the step will never
 * happen (e.g. the final plan of an assessment that ended without one).
 */
export const TIMELINESS = [
  'IN_TIME',
  'LATE',
  'LATE_WITH_EXCEPTION',
  'NOT_YET_DUE',
  'OVERDUE',
  'OVERDUE_WITH_EXCEPTION',
  'NOT_APPLICABLE',
] as const;
export type Timeliness = (typeof TIMELINESS)[number];

/** The steps of the clock that carry a deadline. */
export const CLOCK_STEPS = ['DECISION', 'ADVICE', 'NOT_ISSUED_NOTICE', 'FINAL_PLAN'] as const;
export type ClockStep = (typeof CLOCK_STEPS)[number];
