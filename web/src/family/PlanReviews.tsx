// The plan's annual reviews as the family sees them: the next review meeting, the last review's
// report, decision and amended plan, and the review before a move between phases, each with the date
// the law sets and where it is. The dates and their state are the API's review clock (schema's
// review-clock.ts, computed by education); the page only words them. What is discussed at a review
// (the plan's sections) is not here: the family has the plan itself.
import type { PhaseTransfer, ReviewDecision } from '@hub/schema/plan-codes';
import { AMENDED_PLAN_DAYS, REVIEW_DECISION_DAYS, REVIEW_REPORT_DAYS } from '@hub/schema/review-clock';
import { longDate, openStep, soonest } from '../assessment/clock';
import { SummaryList } from '../govuk/SummaryList';
import { TaskList, type Task } from '../govuk/TaskList';
import { WarningText } from '../govuk/WarningText';
import { Tag } from '../govuk/Tag';
import { deadlineSentence, isLate, TIMELINESS_WORDS, weeks } from './deadline-words';

interface Step {
  step: string;
  dueOn: string;
  doneOn?: string | null;
  timeliness: string;
  daysRemaining?: number | null;
  daysOverdue?: number | null;
}

export interface PlanReviewsData {
  status: string;
  issuedOn: string;
  ceasedOn?: string | null;
  nextReview: Step;
  phaseTransfer?: { transfer: PhaseTransfer; transferOn: string; step: Step } | null;
  reviews: {
    id: string;
    meetingOn: string;
    decision?: ReviewDecision | null;
    reportStep: Step;
    decisionStep: Step;
    amendedPlanStep: Step;
  }[];
}

const MOVES: Record<PhaseTransfer, string> = {
  EARLY_YEARS_TO_SCHOOL: 'starting school (Reception)',
  INFANT_TO_JUNIOR: 'moving from infant to junior school',
  PRIMARY_TO_MIDDLE: 'moving from primary to middle school',
  PRIMARY_TO_SECONDARY: 'moving to secondary school',
  MIDDLE_TO_SECONDARY: 'moving from middle to secondary school',
  SECONDARY_TO_POST16: 'moving from school to post-16 education',
  POST16_TO_POST16: 'moving to another post-16 place',
};

const DECISIONS: Record<ReviewDecision, string> = {
  MAINTAIN: 'keep the plan as it is',
  AMEND: 'change the plan',
  CEASE: 'end the plan',
};

function status(s: Step) {
  const words = TIMELINESS_WORDS[s.timeliness] ?? s.timeliness;
  const when = s.doneOn ? `, ${longDate(s.doneOn)}` : s.timeliness === 'OVERDUE' && s.daysOverdue ? ` (${weeks(s.daysOverdue)})` : '';
  return <Tag code={s.timeliness} text={`${words}${when}`} />;
}

interface Item {
  task: Task;
  step: Step;
}

function item(id: string, name: string, step: Step, rule: string): Item {
  return { task: { id, name, hint: `Due by ${longDate(step.dueOn)}: ${rule}.`, status: status(step) }, step };
}

export function PlanReviews({ plan }: { plan: PlanReviewsData }) {
  if (plan.status === 'CEASED')
    return (
      <p className="govuk-body" id="plan-ceased">
        The EHC plan ended{plan.ceasedOn ? ` on ${longDate(plan.ceasedOn)}` : ''}, so it is no longer reviewed.
      </p>
    );
  if (plan.nextReview.timeliness === 'NOT_APPLICABLE')
    return (
      <p className="govuk-body" id="plan-not-made">
        Annual reviews start once the final EHC plan is issued: the first is due within 12 months of it.
      </p>
    );
  const last = plan.reviews[0];
  const items: Item[] = [
    item('next-review', 'Annual review meeting', plan.nextReview, 'within 12 months of the plan being made or of the last review'),
  ];
  if (last) {
    const held = `the review meeting on ${longDate(last.meetingOn)}`;
    items.push(
      item('review-report', 'Review report sent to you', last.reportStep, `within ${weeks(REVIEW_REPORT_DAYS)} of ${held}`),
      item(
        'review-decision',
        "The council's decision: keep, change or end the plan",
        last.decisionStep,
        `within ${weeks(REVIEW_DECISION_DAYS)} of ${held}`,
      ),
    );
    if (last.amendedPlanStep.timeliness !== 'NOT_APPLICABLE')
      items.push(
        item('amended-plan', 'Amended final plan', last.amendedPlanStep, `within ${weeks(AMENDED_PLAN_DAYS)} of the notice of the changes`),
      );
  }
  const move = plan.phaseTransfer;
  if (move)
    items.push(
      item(
        'phase-transfer',
        `Plan reviewed and changed before ${MOVES[move.transfer]}`,
        move.step,
        `for the move in ${new Date(`${move.transferOn}T00:00:00Z`).toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' })}`,
      ),
    );
  const next = soonest(items.map((i) => openStep(i.step)));
  const late = items.filter((i) => isLate(i.step.timeliness)).map((i) => i.task.name);
  return (
    <>
      {next && (
        <div className="govuk-inset-text" id="next-review-deadline">
          <p className="govuk-body">{deadlineSentence(next)}</p>
        </div>
      )}
      <SummaryList
        rows={[
          { key: 'Plan made', value: longDate(plan.issuedOn) },
          {
            key: 'Last review meeting',
            value: last
              ? `${longDate(last.meetingOn)}${last.decision ? `: the council decided to ${DECISIONS[last.decision]}` : ''}`
              : 'None yet',
          },
        ]}
      />
      {late.length > 0 && (
        <WarningText id="late-review-steps">Late: {late.join('; ')}. You can ask the council's SEN team why.</WarningText>
      )}
      <TaskList id="review-steps" tasks={items.map((i) => i.task)} />
    </>
  );
}
