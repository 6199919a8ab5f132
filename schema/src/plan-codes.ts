// Code lists for the EHC plan after it is made: its issues (versions), sections, annual reviews,
// phase transfers, preparation for adulthood, SEN support and plan ceasing. Rules: domain.md, the
// SEND Regulations 2014 (SI 2014/1530) and the SEN2 guide; the regulation is cited on each list.
import { SEN_TYPES, type PlanSection } from './codes';

/**
 * One issue of a plan. A new plan is issued as a DRAFT (reg 13(1): 15 days to comment) then FINAL
 * (reg 13(2)); after a review the LA sends the plan with a notice of proposed amendments
 * (AMENDMENT_DRAFT, reg 22(2)(a)) and then the AMENDED_FINAL plan (reg 22(3)).
 */
export const PLAN_ISSUE_KINDS = ['DRAFT', 'FINAL', 'AMENDMENT_DRAFT', 'AMENDED_FINAL'] as const;
export type PlanIssueKind = (typeof PLAN_ISSUE_KINDS)[number];

/**
 * The sections education writes (reg 12(1)). A is the family's: until the family can write it in
 * the hub, the coordinator records it on their behalf and the issue says so. E and J are joint,
 * and K lists the advice gathered (links to the advice records, never copies). C and G are health's,
 * D, H1 and H2 social care's, in their own subgraphs.
 */
export const EDUCATION_ISSUE_SECTIONS = ['A', 'B', 'E', 'F', 'I', 'J', 'K'] as const satisfies readonly PlanSection[];
export type EducationIssueSection = (typeof EDUCATION_ISSUE_SECTIONS)[number];

/** How often a quantified item of section F provision recurs (tribunals require it specified and quantified). */
export const PROVISION_PERIODS = ['DAY', 'WEEK', 'HALF_TERM', 'TERM', 'YEAR'] as const;
export type ProvisionPeriod = (typeof PROVISION_PERIODS)[number];

/**
 * Preparation for adulthood outcome areas (Code of Practice 8.5–8.10): employment (including
 * higher education), independent living, participating in the community, being as healthy as
 * possible. From year 9 every review must consider them (regs 20(6), 21(6)).
 */
export const PFA_AREAS = ['EMPLOYMENT', 'INDEPENDENT_LIVING', 'COMMUNITY', 'HEALTH'] as const;
export type PfaArea = (typeof PFA_AREAS)[number];

/** The LA's decision after a review meeting, within 4 weeks (regs 20(10), 21(8)): keep, amend, cease. */
export const REVIEW_DECISIONS = ['MAINTAIN', 'AMEND', 'CEASE'] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

/** The steps of the review clock that carry a deadline (regs 18, 20–22; CFA s.44(1)). */
export const REVIEW_STEPS = ['REVIEW_MEETING', 'REVIEW_REPORT', 'REVIEW_DECISION', 'AMENDED_PLAN', 'PHASE_TRANSFER'] as const;
export type ReviewStep = (typeof REVIEW_STEPS)[number];

/**
 * A transfer between phases of education (reg 2(1)): early years to school, infant to junior,
 * primary to middle, primary to secondary, middle to secondary, secondary to post-16; and a move
 * between post-16 institutions at another time (reg 18(2)).
 */
export const PHASE_TRANSFERS = [
  'EARLY_YEARS_TO_SCHOOL',
  'INFANT_TO_JUNIOR',
  'PRIMARY_TO_MIDDLE',
  'PRIMARY_TO_SECONDARY',
  'MIDDLE_TO_SECONDARY',
  'SECONDARY_TO_POST16',
  'POST16_TO_POST16',
] as const;
export type PhaseTransfer = (typeof PHASE_TRANSFERS)[number];

/** The national curriculum year a transfer leads into (Reception = 0), where it is fixed nationally. */
export const PHASE_TRANSFER_INTO_YEAR: Partial<Record<PhaseTransfer, number>> = {
  EARLY_YEARS_TO_SCHOOL: 0,
  INFANT_TO_JUNIOR: 3,
  PRIMARY_TO_SECONDARY: 7,
  SECONDARY_TO_POST16: 12,
};

/**
 * SEN2 plan cease reasons 1..9 (domain.md), named for the graph. The SEN2 code is the value; the
 * name is only how GraphQL spells it (enum values cannot start with a digit).
 */
export const CEASE_REASON_NAMES = {
  '1': 'MAX_AGE',
  '2': 'NEEDS_MET_WITHOUT_PLAN',
  '3': 'HIGHER_EDUCATION',
  '4': 'PAID_EMPLOYMENT',
  '5': 'MOVED_TO_ANOTHER_LA',
  '6': 'NO_LONGER_ENGAGING',
  '7': 'LEFT_ENGLAND',
  '8': 'DECEASED',
  '9': 'OTHER',
} as const;
export type CeaseReasonCode = keyof typeof CEASE_REASON_NAMES;
export type CeaseReasonName = (typeof CEASE_REASON_NAMES)[CeaseReasonCode];
export const CEASE_REASON_BY_NAME = Object.fromEntries(Object.entries(CEASE_REASON_NAMES).map(([k, v]) => [v, k])) as Record<
  CeaseReasonName,
  CeaseReasonCode
>;

/**
 * SEN type as the school census records it for pupils on SEN support: the SEN2 types plus NSA
 * (SEN support, no specialist assessment of type). NSA never appears in SEN2 or on a plan.
 */
export const SEN_SUPPORT_TYPES = [...SEN_TYPES, 'NSA'] as const;
export type SenSupportType = (typeof SEN_SUPPORT_TYPES)[number];

/** What a SEN support review (assess, plan, do, review: Code of Practice 6.44–6.56) concluded. */
export const SEN_SUPPORT_REVIEW_OUTCOMES = ['CONTINUE', 'REQUEST_EHC_ASSESSMENT', 'NO_LONGER_NEEDED'] as const;
export type SenSupportReviewOutcome = (typeof SEN_SUPPORT_REVIEW_OUTCOMES)[number];
