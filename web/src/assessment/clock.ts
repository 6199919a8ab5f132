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
  const open: Deadline[] = [];
  for (const s of [a.decisionStep, a.notIssuedNoticeStep, a.finalPlanStep]) {
    if (OPEN.has(s.timeliness))
      open.push({
        what: STEP_NAMES[s.step ?? ''] ?? 'Step',
        dueOn: s.dueOn,
        overdue: s.timeliness !== 'NOT_YET_DUE',
        days: s.daysOverdue ?? s.daysRemaining ?? 0,
      });
  }
  for (const r of a.adviceRequests) {
    if (OPEN.has(r.timeliness))
      open.push({
        what: `${(r.adviceType ?? 'Advice').replace(/_/g, ' ').toLowerCase()} advice`,
        dueOn: r.dueOn,
        overdue: r.timeliness !== 'NOT_YET_DUE',
        days: r.daysOverdue ?? r.daysRemaining ?? 0,
      });
  }
  return soonest(open);
}

interface StepJson {
  step?: string | null;
  dueOn: string;
  timeliness: string;
  daysRemaining?: number | null;
  daysOverdue?: number | null;
}

/** The plan's next review meeting and its phase transfer (the review clock), as the work tray's deadline: overdue first, then the soonest. */
export function planDeadline(
  plan: { nextReview?: StepJson | null; phaseTransfer?: { step: StepJson } | null } | null | undefined,
): Deadline | null {
  const open = [plan?.nextReview, plan?.phaseTransfer?.step]
    .filter((s): s is StepJson => !!s && OPEN.has(s.timeliness))
    .map((s) => ({
      what: STEP_NAMES[s.step ?? ''] ?? 'Step',
      dueOn: s.dueOn,
      overdue: s.timeliness !== 'NOT_YET_DUE',
      days: s.daysOverdue ?? s.daysRemaining ?? 0,
    }));
  return soonest(open);
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
