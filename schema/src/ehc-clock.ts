// The EHC needs assessment clock (domain.md "EHC needs assessment: the statutory clock"). Pure:
// every date is an ISO calendar date (YYYY-MM-DD) and "today" is passed in, never read here.
//
// Deadlines, counted in calendar days from the step's start (a step done ON its deadline is in time):
//   DECISION           request received + 6 weeks          reg 5
//   ADVICE             each request for advice + 6 weeks   reg 8 (from *its own* request)
//   NOT_ISSUED_NOTICE  request received + 16 weeks         reg 10
//   FINAL_PLAN         request received + 20 weeks         reg 13(2)
//
// Exceptions never move a deadline. They stop a missed deadline counting as missed: a late step is
// LATE_WITH_EXCEPTION (an overdue one OVERDUE_WITH_EXCEPTION) when at least one exception applies
// to it. An exception applies to a step when
//   (1) its scope reaches the step:
//       - MISSED_APPOINTMENT names one request for advice and reaches only that request (reg 8(2)(d));
//       - SETTING_CLOSED names the request for advice asked of the setting (an EDUCATION request), and
//         reaches that request and the assessment's own steps (DECISION, NOT_ISSUED_NOTICE,
//         FINAL_PLAN), never another agency's advice;
//       - FAMILY_ABSENT and EXCEPTIONAL_PERSONAL_CIRCUMSTANCES reach every step (assessment scope),
//         or only the one request they name;
//   (2) its effective period overlaps the step's interval [start, deadline], both ends inclusive:
//       - SETTING_CLOSED: startOn..endOn are the first and last days closed; the period is the
//         regulation's window, from 1 week before closure to 1 week before reopening (endOn + 1),
//         i.e. [startOn - 7, endOn - 6]. The closure must be at least 4 weeks (28 days);
//       - FAMILY_ABSENT: [startOn, endOn], at least 4 continuous weeks (28 days);
//       - EXCEPTIONAL_PERSONAL_CIRCUMSTANCES, MISSED_APPOINTMENT: [startOn, endOn] (an appointment
//         is one day: startOn = endOn).
// Overlap rather than "the request was made during the window" is deliberate: a closure or absence
// that covers any part of the time allowed is what makes the deadline impractical.
import type { AdviceStatus, AdviceType, AssessmentDecision, AssessmentStatus, ClockStep, ExceptionKind, Timeliness } from './codes';
import { addDays, daysBetween } from './dates';

export const DEADLINE_WEEKS: Record<ClockStep, number> = { DECISION: 6, ADVICE: 6, NOT_ISSUED_NOTICE: 16, FINAL_PLAN: 20 };
/** Closures and absences shorter than this are not exceptions. */
export const MIN_EXCEPTION_DAYS: Partial<Record<ExceptionKind, number>> = { SETTING_CLOSED: 28, FAMILY_ABSENT: 28 };

export interface ClockException {
  id: string;
  kind: ExceptionKind;
  startOn: string;
  endOn: string;
  /** The request for advice it is recorded against; null = the whole assessment. */
  adviceRequestId: string | null;
}

export interface ClockAdviceRequest {
  id: string;
  adviceType: AdviceType;
  requestedOn: string;
  receivedOn: string | null;
  /** reg 6(4): existing advice agreed still sufficient, so no new advice was asked for. */
  sufficientExisting: boolean;
}

export interface ClockAssessment {
  requestReceivedOn: string;
  decision: AssessmentDecision;
  decidedOn: string | null;
  draftIssuedOn: string | null;
  finalIssuedOn: string | null;
  notIssuedNoticeOn: string | null;
  withdrawnOn: string | null;
  exceptions: readonly ClockException[];
  adviceRequests: readonly ClockAdviceRequest[];
}

/** An assessment as it stands the day its request is received: nothing decided, issued or asked for yet. */
export function newlyReceived(requestReceivedOn: string) {
  return {
    requestReceivedOn,
    decision: 'A' as const,
    decidedOn: null,
    draftIssuedOn: null,
    finalIssuedOn: null,
    notIssuedNoticeOn: null,
    withdrawnOn: null,
    exceptions: [],
    adviceRequests: [],
  };
}

export interface StepClock {
  step: ClockStep;
  startOn: string;
  dueOn: string;
  /** When the step was done; null while it is not. */
  doneOn: string | null;
  timeliness: Timeliness;
  /** Days left until the deadline, while not done and not past it (0 on the day itself). */
  daysRemaining: number | null;
  /** Days past the deadline, while not done. */
  daysOverdue: number | null;
  /** Days after the deadline it was done, when done late. */
  daysLate: number | null;
  /** Ids of the exceptions that apply (whether or not the step was late). */
  exceptionIds: string[];
}

export interface AdviceClock extends StepClock {
  adviceRequestId: string;
  status: AdviceStatus;
}

export interface AssessmentClock {
  status: AssessmentStatus;
  decision: StepClock;
  notIssuedNotice: StepClock;
  finalPlan: StepClock;
  advice: AdviceClock[];
  /** The step that concludes this assessment (decision not to assess, notice not to issue, or the final plan). */
  concludingStep: ClockStep;
  /** The headline figure: the concluding step's timeliness (NOT_APPLICABLE when withdrawn). */
  timeliness: Timeliness;
}

export function dueOn(step: ClockStep, startOn: string): string {
  return addDays(startOn, DEADLINE_WEEKS[step] * 7);
}

/** The inclusive period during which an exception counts (see the header). */
export function effectivePeriod(e: Pick<ClockException, 'kind' | 'startOn' | 'endOn'>): { from: string; to: string } {
  if (e.kind === 'SETTING_CLOSED') return { from: addDays(e.startOn, -7), to: addDays(e.endOn, -6) };
  return { from: e.startOn, to: e.endOn };
}

/** Why an exception cannot be recorded as given, or null. Dates must already be valid ISO dates. */
export function exceptionProblem(
  e: Pick<ClockException, 'kind' | 'startOn' | 'endOn'>,
  scope: { adviceRequest: { adviceType: AdviceType } | null },
): { argument: 'endOn' | 'adviceRequestId'; why: string } | null {
  if (e.endOn < e.startOn) return { argument: 'endOn', why: 'is before startOn' };
  const min = MIN_EXCEPTION_DAYS[e.kind];
  if (min && daysBetween(e.startOn, e.endOn) + 1 < min)
    return { argument: 'endOn', why: `must be at least ${min / 7} weeks after startOn for ${e.kind}` };
  if (e.kind === 'MISSED_APPOINTMENT') {
    if (!scope.adviceRequest)
      return { argument: 'adviceRequestId', why: 'is needed: a missed appointment excuses the advice it was for (reg 8)' };
    if (e.endOn !== e.startOn) return { argument: 'endOn', why: 'must equal startOn: an appointment is one day' };
  }
  if (e.kind === 'SETTING_CLOSED') {
    if (!scope.adviceRequest)
      return { argument: 'adviceRequestId', why: 'is needed: a closure counts when advice was asked of the setting' };
    if (scope.adviceRequest.adviceType !== 'EDUCATION')
      return { argument: 'adviceRequestId', why: 'must be a request for EDUCATION advice (asked of the setting)' };
  }
  return null;
}

function overlaps(e: ClockException, startOn: string, due: string): boolean {
  const p = effectivePeriod(e);
  return p.from <= due && p.to >= startOn;
}

function reaches(e: ClockException, target: { adviceRequestId: string } | 'ASSESSMENT'): boolean {
  if (target === 'ASSESSMENT') return e.kind === 'SETTING_CLOSED' || (e.adviceRequestId === null && e.kind !== 'MISSED_APPOINTMENT');
  return e.adviceRequestId === null
    ? e.kind !== 'MISSED_APPOINTMENT' && e.kind !== 'SETTING_CLOSED'
    : e.adviceRequestId === target.adviceRequestId;
}

/** One step judged against its deadline. `doneOn` null and `applicable` false = NOT_APPLICABLE. */
export function judgeStep(
  step: ClockStep,
  startOn: string,
  doneOn: string | null,
  applicable: boolean,
  exceptions: readonly ClockException[],
  today: string,
): StepClock {
  return judgeDeadline(step, startOn, dueOn(step, startOn), doneOn, applicable, exceptions, today);
}

/** The same judgement against a deadline worked out elsewhere (the review clock, review-clock.ts). */
export function judgeDeadline<S extends string>(
  step: S,
  startOn: string,
  due: string,
  doneOn: string | null,
  applicable: boolean,
  exceptions: readonly ClockException[],
  today: string,
): Omit<StepClock, 'step'> & { step: S } {
  const exceptionIds = exceptions.filter((e) => overlaps(e, startOn, due)).map((e) => e.id);
  const excused = exceptionIds.length > 0;
  const base = { step, startOn, dueOn: due, doneOn, exceptionIds, daysRemaining: null, daysOverdue: null, daysLate: null };
  if (doneOn !== null) {
    if (doneOn <= due) return { ...base, timeliness: 'IN_TIME' };
    return { ...base, timeliness: excused ? 'LATE_WITH_EXCEPTION' : 'LATE', daysLate: daysBetween(due, doneOn) };
  }
  if (!applicable) return { ...base, timeliness: 'NOT_APPLICABLE' };
  if (today <= due) return { ...base, timeliness: 'NOT_YET_DUE', daysRemaining: daysBetween(today, due) };
  return { ...base, timeliness: excused ? 'OVERDUE_WITH_EXCEPTION' : 'OVERDUE', daysOverdue: daysBetween(due, today) };
}

export function assessmentStatus(
  a: Pick<ClockAssessment, 'decision' | 'draftIssuedOn' | 'finalIssuedOn' | 'notIssuedNoticeOn' | 'withdrawnOn'>,
): AssessmentStatus {
  if (a.withdrawnOn !== null) return 'WITHDRAWN';
  if (a.decision === 'N') return 'NOT_ASSESSED';
  if (a.decision !== 'Y') return 'AWAITING_DECISION';
  if (a.finalIssuedOn !== null) return 'FINAL';
  if (a.notIssuedNoticeOn !== null) return 'NOT_ISSUED';
  if (a.draftIssuedOn !== null) return 'DRAFT';
  return 'ASSESSING';
}

/** The whole clock of one assessment as of `today`. */
export function evaluateAssessment(a: ClockAssessment, today: string): AssessmentClock {
  const status = assessmentStatus(a);
  const withdrawn = status === 'WITHDRAWN';
  const forAssessment = a.exceptions.filter((e) => reaches(e, 'ASSESSMENT'));
  const start = a.requestReceivedOn;
  const decided = a.decision === 'Y' || a.decision === 'N' ? a.decidedOn : null;
  const decision = judgeStep('DECISION', start, decided, !withdrawn, forAssessment, today);
  // The notice not to issue is due only while the LA may still decide not to issue: assessing, or
  // awaiting the decision to assess. A draft or final plan, a decision not to assess, or a
  // withdrawal makes it not applicable.
  const noticeOpen = (status === 'AWAITING_DECISION' || status === 'ASSESSING') && a.draftIssuedOn === null;
  const notIssuedNotice = judgeStep('NOT_ISSUED_NOTICE', start, a.notIssuedNoticeOn, noticeOpen, forAssessment, today);
  const finalOpen = status === 'AWAITING_DECISION' || status === 'ASSESSING' || status === 'DRAFT';
  const finalPlan = judgeStep('FINAL_PLAN', start, a.finalIssuedOn, finalOpen, forAssessment, today);
  const advice = a.adviceRequests.map((r): AdviceClock => {
    const reaching = a.exceptions.filter((e) => reaches(e, { adviceRequestId: r.id }));
    const received = r.sufficientExisting ? null : r.receivedOn;
    const clock = judgeStep('ADVICE', r.requestedOn, received, !r.sufficientExisting && !withdrawn, reaching, today);
    const adviceStatus: AdviceStatus = r.sufficientExisting ? 'SUFFICIENT_EXISTING' : r.receivedOn !== null ? 'RECEIVED' : 'OUTSTANDING';
    return { ...clock, adviceRequestId: r.id, status: adviceStatus };
  });
  const concludingStep: ClockStep = status === 'NOT_ASSESSED' ? 'DECISION' : status === 'NOT_ISSUED' ? 'NOT_ISSUED_NOTICE' : 'FINAL_PLAN';
  const concluding = concludingStep === 'DECISION' ? decision : concludingStep === 'NOT_ISSUED_NOTICE' ? notIssuedNotice : finalPlan;
  return {
    status,
    decision,
    notIssuedNotice,
    finalPlan,
    advice,
    concludingStep,
    timeliness: withdrawn ? 'NOT_APPLICABLE' : concluding.timeliness,
  };
}

/**
 * How long an organisation asked for advice keeps need-to-know for the child (the ADVICE_REQUEST
 * relationship governance grants): to the later of the final plan's deadline (advice informs the
 * draft and the final plan) and 6 weeks after the advice was due (late advice, a first amendment).
 */
export function adviceAccessEnds(requestReceivedOn: string, adviceRequestedOn: string): string {
  const finalDue = dueOn('FINAL_PLAN', requestReceivedOn);
  const lateAdvice = addDays(dueOn('ADVICE', adviceRequestedOn), 42);
  return finalDue > lateAdvice ? finalDue : lateAdvice;
}

/**
 * Whether asking for advice grants the organisation asked an ADVICE_REQUEST relationship. Not when
 * the LA asks its own education service (e.g. its educational psychologists): that would give every
 * education user of the LA need-to-know; the coordinator's allocation covers the LA already.
 */
export function adviceRequestGrantsAccess(r: { agency: string; organisation: string }, laCode: string): boolean {
  return !(r.agency === 'EDUCATION' && r.organisation === `LA${laCode}`);
}

/**
 * The assessment as it stood on `on` (a past date): what was recorded for later days had not
 * happened yet. Null when the request had not been received. Exceptions are kept as recorded: one
 * starting after `on` cannot overlap the interval of a step that was done or overdue by then.
 */
export function clockAsAt(a: ClockAssessment, on: string): ClockAssessment | null {
  if (a.requestReceivedOn > on) return null;
  const by = (d: string | null) => (d !== null && d <= on ? d : null);
  const decidedOn = by(a.decidedOn);
  return {
    requestReceivedOn: a.requestReceivedOn,
    decision: decidedOn === null ? 'A' : a.decision,
    decidedOn,
    draftIssuedOn: by(a.draftIssuedOn),
    finalIssuedOn: by(a.finalIssuedOn),
    notIssuedNoticeOn: by(a.notIssuedNoticeOn),
    withdrawnOn: by(a.withdrawnOn),
    exceptions: a.exceptions,
    adviceRequests: a.adviceRequests.filter((r) => r.requestedOn <= on).map((r) => ({ ...r, receivedOn: by(r.receivedOn) })),
  };
}
