// An assessment row as the graph shows it: the clock (pure, @hub/schema) worked out once per
// assessment as of today, and each request for advice merged with its own clock.
import { evaluateAssessment, type AssessmentDecision, type StepClock } from '@hub/schema';
import type { AdviceRequestJson, AssessmentRow } from './repository';

export function clockInput(a: AssessmentRow) {
  return {
    requestReceivedOn: a.request_received_on,
    decision: a.decision,
    decidedOn: a.decided_on,
    draftIssuedOn: a.draft_issued_on,
    finalIssuedOn: a.final_issued_on,
    notIssuedNoticeOn: a.not_issued_notice_on,
    withdrawnOn: a.withdrawn_on,
    exceptions: a.exceptions,
    adviceRequests: a.advice_requests.map((r) => ({
      id: r.id,
      adviceType: r.adviceType,
      requestedOn: r.requestedOn,
      receivedOn: r.receivedOn,
      sufficientExisting: r.existingAdviceReference !== null,
    })),
  };
}

function step(s: StepClock) {
  return {
    step: s.step,
    startOn: s.startOn,
    dueOn: s.dueOn,
    doneOn: s.doneOn,
    timeliness: s.timeliness,
    daysRemaining: s.daysRemaining,
    daysOverdue: s.daysOverdue,
    daysLate: s.daysLate,
    exceptionIds: s.exceptionIds,
  };
}

export type AdviceRequestView = ReturnType<typeof assessmentView>['adviceRequests'][number];

export function assessmentView(a: AssessmentRow, today: string, child?: { id: string; accessContext: string }) {
  const clock = evaluateAssessment(clockInput(a), today);
  const decision: AssessmentDecision = a.withdrawn_on ? 'W' : a.decision;
  const adviceClock = new Map(clock.advice.map((c) => [c.adviceRequestId, c]));
  const adviceRequests = a.advice_requests.map((r: AdviceRequestJson) => {
    const c = adviceClock.get(r.id)!;
    return {
      ...r,
      ...(child ? { child } : {}),
      status: c.status,
      timeliness: c.timeliness,
      daysRemaining: c.daysRemaining,
      daysOverdue: c.daysOverdue,
      daysLate: c.daysLate,
      exceptionIds: c.exceptionIds,
    };
  });
  return {
    // Carried, never shown: lets the guard adopt the child when a mutation returns this value.
    ...(child ? { child } : {}),
    id: a.id,
    requestReceivedOn: a.request_received_on,
    status: clock.status,
    decision,
    decidedOn: a.decided_on,
    draftIssuedOn: a.draft_issued_on,
    finalIssuedOn: a.final_issued_on,
    notIssuedNoticeOn: a.not_issued_notice_on,
    withdrawnOn: a.withdrawn_on,
    decisionStep: step(clock.decision),
    notIssuedNoticeStep: step(clock.notIssuedNotice),
    finalPlanStep: step(clock.finalPlan),
    concludingStep: clock.concludingStep,
    timeliness: clock.timeliness,
    exceptions: a.exceptions,
    adviceRequests,
  };
}
