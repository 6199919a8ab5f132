// Reading the statutory clock the API computes (the web app never recomputes deadlines): the next
// deadline of an assessment, and whether anything is overdue.

export interface Step {
  step?: string;
  dueOn: string;
  doneOn?: string | null;
  timeliness: string;
  daysRemaining?: number | null;
  daysOverdue?: number | null;
}

export interface AdviceRequestClock {
  dueOn: string;
  status: string;
  timeliness: string;
  daysRemaining?: number | null;
  daysOverdue?: number | null;
  adviceType?: string;
}

export interface AssessmentClock {
  status: string;
  decisionStep: Step;
  notIssuedNoticeStep: Step;
  finalPlanStep: Step;
  adviceRequests: AdviceRequestClock[];
}

const OPEN = new Set(['NOT_YET_DUE', 'OVERDUE', 'OVERDUE_WITH_EXCEPTION']);
const ENDED = new Set(['FINAL', 'NOT_ISSUED', 'NOT_ASSESSED', 'WITHDRAWN']);

export const STEP_NAMES: Record<string, string> = {
  DECISION: 'Decision whether to assess',
  ADVICE: 'Advice',
  NOT_ISSUED_NOTICE: 'Notice that no plan will be issued',
  FINAL_PLAN: 'Final EHC plan',
  REVIEW_MEETING: 'Annual review meeting',
  REVIEW_REPORT: 'Review report',
  REVIEW_DECISION: "The council's decision after the review",
  AMENDED_PLAN: 'Amended final plan',
  PHASE_TRANSFER: 'Plan reviewed and amended for the phase transfer',
};

export interface Deadline {
  what: string;
  dueOn: string;
  overdue: boolean;
  days: number;
}

export function isUnderWay(a: { status: string }): boolean {
  return !ENDED.has(a.status);
}

/** The earliest open deadline of an assessment under way, with the step it belongs to. */
export function nextDeadline(a: AssessmentClock): Deadline | null {
  if (!isUnderWay(a)) return null;
  const steps = [a.decisionStep, a.notIssuedNoticeStep, a.finalPlanStep].map((s) => openStep(s));
  const advice = a.adviceRequests.map((r) =>
    openStep({ ...r, step: null }, `${(r.adviceType ?? 'Advice').replace(/_/g, ' ').toLowerCase()} advice`),
  );
  return soonest([...steps, ...advice]);
}

interface StepJson {
  step?: string | null;
  dueOn: string;
  timeliness: string;
  daysRemaining?: number | null;
  daysOverdue?: number | null;
}

/** A step of either clock still to be done, as a deadline; null when it is done or does not apply. */
export function openStep(s: StepJson | null | undefined, what = STEP_NAMES[s?.step ?? ''] ?? 'Step'): Deadline | null {
  if (!s || !OPEN.has(s.timeliness)) return null;
  return {
    what,
    dueOn: s.dueOn,
    overdue: s.timeliness !== 'NOT_YET_DUE',
    days: s.daysOverdue ?? s.daysRemaining ?? 0,
  };
}

/** The plan's next review meeting and its phase transfer (the review clock), as the work tray's deadline: overdue first, then the soonest. */
export function planDeadline(
  plan: { nextReview?: StepJson | null; phaseTransfer?: { step: StepJson } | null } | null | undefined,
): Deadline | null {
  return soonest([openStep(plan?.nextReview), openStep(plan?.phaseTransfer?.step)]);
}

/** Overdue first, then the soonest due. */
export function soonest(deadlines: (Deadline | null)[]): Deadline | null {
  return (
    deadlines
      .filter((d): d is Deadline => d !== null)
      .sort((x, y) => Number(y.overdue) - Number(x.overdue) || x.dueOn.localeCompare(y.dueOn))[0] ?? null
  );
}

/** "14 March 2026" from YYYY-MM-DD (UTC, so the calendar date never shifts). */
export function longDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return d.toLocaleDateString('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });
}
