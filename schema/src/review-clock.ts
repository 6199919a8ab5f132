// The EHC plan review clock (domain.md "Annual review"; SEND Regulations 2014 regs 18–22; CFA
// s.44(1)). Pure, like ehc-clock.ts: ISO dates in, "today" passed in, deadlines judged the same way.
//
//   REVIEW_MEETING   within 12 months of the plan being made, then of the last review   CFA s.44(1), reg 2(1)
//   REVIEW_REPORT    the meeting + 2 weeks                                               regs 20(7), 21(7)
//   REVIEW_DECISION  the meeting + 4 weeks: maintain, amend or cease                     regs 20(10), 21(8)
//   AMENDED_PLAN     the amendment notice + 8 weeks (only when the decision is AMEND)    reg 22(3)
//                    (the AMENDMENT_DRAFT issue sent after the meeting; until one is
//                    recorded, the decision date)
//   PHASE_TRANSFER   reviewed and amended by 15 February of the calendar year of the
//                    transfer; 31 March for secondary to post-16; 5 months before a move
//                    between post-16 institutions at another time                        reg 18(1), 18(2)
//
// "Within 12 months" is read as "by the anniversary" (a plan made on 10 May 2025 is reviewed by
// 10 May 2026; a 29 February start falls due on 28 February). The regulations give no exceptions
// for these time limits (unlike regs 5, 8, 10 and 13), so none are applied. An AMEND decision
// should itself carry the proposed amendments (R (L, M, P) v Devon CC [2022] EWHC 493 (Admin)), so
// without a recorded notice the 8 weeks run from the decision date.
// Year 9 and above: the review meeting must consider preparation for adulthood (regs 20(6), 21(6)).
import { addDays, ageOn } from './dates';
import { judgeDeadline, type StepClock } from './ehc-clock';
import type { Timeliness } from './codes';
import {
  PFA_AREAS,
  PHASE_TRANSFER_INTO_YEAR,
  type PfaArea,
  type PhaseTransfer,
  type PlanIssueKind,
  type ReviewDecision,
  type ReviewStep,
} from './plan-codes';

export const REVIEW_REPORT_DAYS = 14;
export const REVIEW_DECISION_DAYS = 28;
export const AMENDED_PLAN_DAYS = 56;

/** A step judged as the assessment clock judges one, without exceptions (the regulations give none). */
export type ReviewStepClock = Omit<StepClock, 'step' | 'exceptionIds'> & { step: ReviewStep };

export interface ClockReview {
  id: string;
  meetingOn: string;
  reportOn: string | null;
  decision: ReviewDecision | null;
  decidedOn: string | null;
  /** The preparation-for-adulthood areas the meeting considered. */
  pfaAreas: readonly PfaArea[];
}

export interface ClockPlan {
  /** The day the plan was made (its first final issue): the review cycle starts here. */
  madeOn: string;
  dateOfBirth: string;
  ceasedOn: string | null;
  reviews: readonly ClockReview[];
  issues: readonly { kind: PlanIssueKind; issuedOn: string }[];
  /** Transfers the LA recorded (non-standard ones, or standard ones on another date); each replaces the computed transfer of its kind. */
  transfers?: readonly { transfer: PhaseTransfer; transferOn: string }[];
}

export interface PfaCheck {
  /** Year 9 or above on the meeting date (or today, for the next review). */
  required: boolean;
  considered: PfaArea[];
  missing: PfaArea[];
}

export interface ReviewClock {
  reviewId: string;
  nationalCurriculumYear: number;
  meeting: ReviewStepClock;
  report: ReviewStepClock;
  decision: ReviewStepClock;
  amendedPlan: ReviewStepClock;
  pfa: PfaCheck;
}

export interface PhaseTransferClock {
  transfer: PhaseTransfer;
  transferOn: string;
  step: ReviewStepClock;
}

export interface PlanReviewClock {
  reviews: ReviewClock[];
  /** The next review meeting; NOT_APPLICABLE once the plan has ceased. */
  nextReview: ReviewStepClock;
  nationalCurriculumYear: number;
  /** Whether the next review must consider preparation for adulthood. */
  pfaRequiredAtNextReview: boolean;
  /** The next standard phase transfer, with its deadline; null when none lies ahead (after year 11). */
  phaseTransfer: PhaseTransferClock | null;
}

/** Calendar months later, the day clamped to the month's end (31 Jan + 1 month = 28/29 Feb). */
export function addMonths(iso: string, months: number): string {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = (total % 12) + 1;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The calendar year in which the academic year holding `on` began (it begins on 1 September). */
export function academicYearStart(on: string): number {
  const [y, m] = on.split('-').map(Number);
  return m >= 9 ? y : y - 1;
}

/**
 * National curriculum year on a date: age on 31 August before the academic year, less 4
 * (Reception = 0, Year 9 = 9; negative before school). Children taught out of their year group
 * are not modelled.
 */
export function nationalCurriculumYear(dateOfBirth: string, on: string): number {
  return ageOn(dateOfBirth, `${academicYearStart(on)}-08-31`) - 4;
}

export function pfaRequired(dateOfBirth: string, on: string): boolean {
  return nationalCurriculumYear(dateOfBirth, on) >= 9;
}

export function pfaCheck(dateOfBirth: string, on: string, considered: readonly PfaArea[]): PfaCheck {
  const required = pfaRequired(dateOfBirth, on);
  const got = PFA_AREAS.filter((a) => considered.includes(a));
  return { required, considered: got, missing: required ? PFA_AREAS.filter((a) => !considered.includes(a)) : [] };
}

/**
 * The review-and-amend deadline for a transfer on `transferOn` (reg 18): 31 March of the transfer's
 * calendar year for secondary to post-16, 5 months before a move between post-16 institutions,
 * otherwise 15 February (domain.md "by 15 February"; the regulation says "before").
 */
export function phaseTransferDeadline(transfer: PhaseTransfer, transferOn: string): string {
  const year = transferOn.slice(0, 4);
  if (transfer === 'SECONDARY_TO_POST16') return `${year}-03-31`;
  if (transfer === 'POST16_TO_POST16') return addMonths(transferOn, -5);
  return `${year}-02-15`;
}

/** 1 September of the year a child enters national curriculum year `intoYear`. */
export function transferDate(dateOfBirth: string, intoYear: number): string {
  const [y, m] = dateOfBirth.split('-').map(Number);
  // Born September to December: a year younger in the school year than a January birth of the next year.
  const start = y + intoYear + 4 + (m >= 9 ? 1 : 0);
  return `${start}-09-01`;
}

/** The soonest transfer still ahead (transferCandidates). */
export function nextTransfer(
  plan: Pick<ClockPlan, 'dateOfBirth' | 'transfers'>,
  today: string,
): { transfer: PhaseTransfer; transferOn: string } | null {
  return transferCandidates(plan).filter((t) => t.transferOn > today)[0] ?? null;
}

/**
 * Every transfer of the plan's child, soonest first: those recorded, and the standard ones (early
 * years to school, primary to secondary, secondary to post-16) of kinds not recorded, derived from
 * the date of birth. Infant to junior, middle-school transfers and post-16 moves depend on the
 * schools attended, so they are only ever recorded.
 */
export function transferCandidates(plan: Pick<ClockPlan, 'dateOfBirth' | 'transfers'>): { transfer: PhaseTransfer; transferOn: string }[] {
  const recorded = plan.transfers ?? [];
  // A child in a three-tier area (a primary-to-middle or middle-to-secondary transfer known) has no
  // transfer into Year 7.
  const threeTier = recorded.some((r) => r.transfer === 'PRIMARY_TO_MIDDLE' || r.transfer === 'MIDDLE_TO_SECONDARY');
  const standard = (['EARLY_YEARS_TO_SCHOOL', 'PRIMARY_TO_SECONDARY', 'SECONDARY_TO_POST16'] as PhaseTransfer[])
    .filter((t) => !recorded.some((r) => r.transfer === t) && !(threeTier && t === 'PRIMARY_TO_SECONDARY'))
    .map((transfer) => ({ transfer, transferOn: transferDate(plan.dateOfBirth, PHASE_TRANSFER_INTO_YEAR[transfer]!) }));
  return [...recorded, ...standard].sort((a, b) => (a.transferOn < b.transferOn ? -1 : a.transferOn > b.transferOn ? 1 : 0));
}

function judge(step: ReviewStep, startOn: string, due: string, doneOn: string | null, applicable: boolean, today: string): ReviewStepClock {
  const { exceptionIds: _none, ...c } = judgeDeadline(step, startOn, due, doneOn, applicable, [], today);
  return c;
}

/**
 * The transfer's clock: it starts 12 months before the transfer (reg 18(1) "within 12 months of a
 * transfer"); it is done by the first final or amended final issue in that window, or by a review
 * decided MAINTAIN in it (nothing needed amending).
 */
export function phaseTransferClock(plan: ClockPlan, transfer: PhaseTransfer, transferOn: string, today: string): PhaseTransferClock {
  const startOn = addMonths(transferOn, -12);
  const due = phaseTransferDeadline(transfer, transferOn);
  const inWindow = (d: string | null) => d !== null && d >= startOn && d <= transferOn;
  const done =
    [
      ...plan.issues.filter((i) => (i.kind === 'AMENDED_FINAL' || i.kind === 'FINAL') && inWindow(i.issuedOn)).map((i) => i.issuedOn),
      ...plan.reviews.filter((r) => r.decision === 'MAINTAIN' && inWindow(r.decidedOn)).map((r) => r.decidedOn!),
    ].sort()[0] ?? null;
  return { transfer, transferOn, step: judge('PHASE_TRANSFER', startOn, due, done, plan.ceasedOn === null || plan.ceasedOn > due, today) };
}

/** The whole review clock of one plan as of `today`. */
export function evaluatePlanReviews(plan: ClockPlan, today: string): PlanReviewClock {
  const reviews = [...plan.reviews].sort((a, b) => (a.meetingOn < b.meetingOn ? -1 : a.meetingOn > b.meetingOn ? 1 : a.id < b.id ? -1 : 1));
  const finals = plan.issues
    .filter((i) => i.kind === 'AMENDED_FINAL')
    .map((i) => i.issuedOn)
    .sort();
  const notices = plan.issues
    .filter((i) => i.kind === 'AMENDMENT_DRAFT')
    .map((i) => i.issuedOn)
    .sort();
  let anchor = plan.madeOn;
  const judged = reviews.map((r, n): ReviewClock => {
    const nextMeeting = reviews[n + 1]?.meetingOn ?? '9999-12-31';
    const meeting = judge('REVIEW_MEETING', anchor, addMonths(anchor, 12), r.meetingOn, true, today);
    anchor = r.meetingOn;
    const report = judge('REVIEW_REPORT', r.meetingOn, addDays(r.meetingOn, REVIEW_REPORT_DAYS), r.reportOn, true, today);
    const decision = judge('REVIEW_DECISION', r.meetingOn, addDays(r.meetingOn, REVIEW_DECISION_DAYS), r.decidedOn, true, today);
    const amend = r.decision === 'AMEND' && r.decidedOn !== null;
    // reg 22(3): 8 weeks from sending the plan with the proposed amendments (the AMENDMENT_DRAFT
    // issue); the decision date stands in for it until one is recorded.
    // Only a notice of this review's cycle counts: sent after its meeting, before the next one.
    const noticeOn = amend ? (notices.find((d) => d >= r.meetingOn && d < nextMeeting) ?? r.decidedOn!) : r.meetingOn;
    const amendedOn = amend ? (finals.find((d) => d >= noticeOn) ?? null) : null;
    const amendedPlan = judge('AMENDED_PLAN', noticeOn, addDays(noticeOn, AMENDED_PLAN_DAYS), amendedOn, amend, today);
    return {
      reviewId: r.id,
      nationalCurriculumYear: nationalCurriculumYear(plan.dateOfBirth, r.meetingOn),
      meeting,
      report,
      decision,
      amendedPlan,
      pfa: pfaCheck(plan.dateOfBirth, r.meetingOn, r.pfaAreas),
    };
  });
  const nextReview = judge('REVIEW_MEETING', anchor, addMonths(anchor, 12), null, plan.ceasedOn === null, today);
  const next = plan.ceasedOn === null ? nextTransfer(plan, today) : null;
  return {
    reviews: judged,
    nextReview,
    nationalCurriculumYear: nationalCurriculumYear(plan.dateOfBirth, today),
    pfaRequiredAtNextReview: pfaRequired(plan.dateOfBirth, nextReview.dueOn < today ? today : nextReview.dueOn),
    phaseTransfer: next ? phaseTransferClock(plan, next.transfer, next.transferOn, today) : null,
  };
}

/**
 * The plan as it stood on `asAt`: reviews met by then (a report or decision after it had not
 * happened yet), issues made by then, a cease after it not yet. What the commissioning measure
 * judges, so a figure "as at" a past date is what the clock said that day.
 */
export function clockPlanAsAt(plan: ClockPlan, asAt: string): ClockPlan | null {
  if (plan.madeOn > asAt) return null;
  const by = (d: string | null) => (d !== null && d <= asAt ? d : null);
  return {
    ...plan,
    ceasedOn: by(plan.ceasedOn),
    reviews: plan.reviews
      .filter((r) => r.meetingOn <= asAt)
      .map((r) => ({ ...r, reportOn: by(r.reportOn), decision: by(r.decidedOn) ? r.decision : null, decidedOn: by(r.decidedOn) })),
    issues: plan.issues.filter((i) => i.issuedOn <= asAt),
  };
}

/**
 * For joint commissioning, the review deadlines of one plan that fell from `from` to `asAt`, each
 * judged as on `asAt`: every annual review meeting due then (held: IN_TIME or LATE; not held:
 * OVERDUE), and every phase transfer whose review-and-amend deadline (15 February, 31 March for
 * post-16) fell then. Steps that do not apply (the plan ceased first) are left out.
 */
export function reviewDeadlinesIn(plan: ClockPlan, from: string, asAt: string): { reviews: Timeliness[]; transfers: Timeliness[] } {
  const p = clockPlanAsAt(plan, asAt);
  if (!p) return { reviews: [], transfers: [] };
  const clock = evaluatePlanReviews(p, asAt);
  const inPeriod = (s: ReviewStepClock) => s.timeliness !== 'NOT_APPLICABLE' && s.dueOn >= from && s.dueOn <= asAt;
  const reviews = [...clock.reviews.map((r) => r.meeting), clock.nextReview].filter(inPeriod).map((s) => s.timeliness);
  const transfers = transferCandidates(p)
    .map((t) => phaseTransferClock(p, t.transfer, t.transferOn, asAt).step)
    .filter(inPeriod)
    .map((s) => s.timeliness);
  return { reviews, transfers };
}
