// The assessment as the family sees it: the tracker needs no API of its own. The family reads their
// child's assessments (education) with the statutory clock the API computes, and each request for
// advice with whether it was received; after the plan, its review clock; another child's, never.
// Real PostgreSQL, through the gateway.
import { DEMO_CHILDREN } from '@hub/seed';
import {
  addDays,
  addMonths,
  AMENDED_PLAN_DAYS,
  daysBetween,
  phaseTransferDeadline,
  REVIEW_DECISION_DAYS,
  REVIEW_REPORT_DAYS,
  toIsoDate,
  transferDate,
} from '@hub/schema';
import { errorCodes, startTestHub, type TestHub } from '../kit/hub';
import { sql } from '../kit/databases';

let hub: TestHub;
beforeAll(async () => {
  hub = await startTestHub({ label: 'family_assessment' });
});
afterAll(() => hub?.stop());

const LENA = DEMO_CHILDREN[11];
const TRACKER = `query($id: ID!) { child(id: $id) { education { assessments {
  status requestReceivedOn draftIssuedOn finalIssuedOn
  decisionStep { dueOn doneOn timeliness } finalPlanStep { dueOn doneOn timeliness daysRemaining }
  adviceRequests { adviceType organisation dueOn receivedOn timeliness } } } } }`;

it('the young person reads where the assessment is, the 20-week clock and whether advice was received', async () => {
  const res = await hub.query('young-person', TRACKER, { id: LENA.id });
  expect(res.body.errors).toBeUndefined();
  const [a] = res.body.data.child.education.assessments;
  expect(a.status).toBe('DRAFT');
  expect(a.finalPlanStep).toMatchObject({ dueOn: addDays(a.requestReceivedOn, 140), doneOn: null, timeliness: 'NOT_YET_DUE' });
  expect(a.decisionStep.dueOn).toBe(addDays(a.requestReceivedOn, 42));
  expect(a.adviceRequests).toEqual([
    expect.objectContaining({ adviceType: 'HEALTH', organisation: 'RX1', receivedOn: expect.any(String), timeliness: 'IN_TIME' }),
  ]);
});

it('another family gets the same refusal as for any child not theirs', async () => {
  expect(errorCodes(await hub.query('parent', TRACKER, { id: LENA.id }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
});

describe("after the plan: the plan's annual-review deadlines, as the family's tracker reads them", () => {
  const AVA = DEMO_CHILDREN[0];
  const STEP = 'step dueOn doneOn timeliness daysRemaining daysOverdue';
  const REVIEWS = `query($id: ID!) { child(id: $id) { education { ehcPlan { status issuedOn
    nextReview { ${STEP} } phaseTransfer { transfer transferOn step { ${STEP} } }
    reviews { id meetingOn decision reportStep { ${STEP} } decisionStep { ${STEP} } amendedPlanStep { ${STEP} } } } } } }`;
  const today = toIsoDate(new Date())!;
  const planOf = async (user: string) => {
    const res = await hub.query(user, REVIEWS, { id: AVA.id });
    expect(res.body.errors).toBeUndefined();
    return res.body.data.child.education.ehcPlan;
  };

  it('the parent sees the review due 12 months from the plan (overdue: none held) and the review before secondary school by 15 February', async () => {
    const plan = await planOf('parent');
    expect(plan.reviews).toEqual([]);
    // The same pure clock the API runs (schema/src/review-clock.ts), never a copy of its rules.
    expect(plan.nextReview).toMatchObject({
      step: 'REVIEW_MEETING',
      dueOn: addMonths(plan.issuedOn, 12),
      doneOn: null,
      timeliness: 'OVERDUE',
    });
    expect(plan.nextReview.daysOverdue).toBe(daysBetween(addMonths(plan.issuedOn, 12), today));
    const transferOn = transferDate(AVA.dateOfBirth, 7);
    expect(plan.phaseTransfer).toMatchObject({ transfer: 'PRIMARY_TO_SECONDARY', transferOn });
    expect(plan.phaseTransfer.step).toMatchObject({ dueOn: phaseTransferDeadline('PRIMARY_TO_SECONDARY', transferOn), doneOn: null });
    expect(plan.phaseTransfer.step.dueOn.slice(5)).toBe('02-15');
  });

  it('once a review is held the parent sees the report due in 2 weeks, the decision in 4, then the amended plan 8 weeks from the decision to amend', async () => {
    const meetingOn = addDays(today, -10);
    const met = await hub.query(
      'coordinator',
      'mutation($p: ID!, $on: String!) { recordReviewMeeting(planId: $p, meetingOn: $on, pfaAreas: [], idempotencyKey: "family-tracker-review-1") { id } }',
      { p: (await sql(hub.databases.education, 'SELECT id FROM ehc_plan WHERE child_id = $1', [AVA.id]))[0].id, on: meetingOn },
    );
    expect(met.body.errors).toBeUndefined();
    let plan = await planOf('parent');
    expect(plan.nextReview).toMatchObject({ dueOn: addMonths(meetingOn, 12), timeliness: 'NOT_YET_DUE' });
    expect(plan.reviews).toHaveLength(1);
    expect(plan.reviews[0]).toMatchObject({
      meetingOn,
      decision: null,
      reportStep: { step: 'REVIEW_REPORT', dueOn: addDays(meetingOn, REVIEW_REPORT_DAYS), timeliness: 'NOT_YET_DUE', daysRemaining: 4 },
      decisionStep: { step: 'REVIEW_DECISION', dueOn: addDays(meetingOn, REVIEW_DECISION_DAYS), timeliness: 'NOT_YET_DUE' },
      amendedPlanStep: { timeliness: 'NOT_APPLICABLE' },
    });
    const decidedOn = addDays(today, -1);
    const decided = await hub.query(
      'coordinator',
      'mutation($r: ID!, $on: String!) { recordReviewDecision(reviewId: $r, decision: AMEND, decidedOn: $on) { id } }',
      { r: plan.reviews[0].id, on: decidedOn },
    );
    expect(decided.body.errors).toBeUndefined();
    plan = await planOf('parent');
    expect(plan.reviews[0]).toMatchObject({
      decision: 'AMEND',
      decisionStep: { doneOn: decidedOn, timeliness: 'IN_TIME' },
      amendedPlanStep: { step: 'AMENDED_PLAN', dueOn: addDays(decidedOn, AMENDED_PLAN_DAYS), timeliness: 'NOT_YET_DUE' },
    });
  });

  it('the family reads only their own child, and not the LA-wide lists a coordinator works from', async () => {
    expect(errorCodes(await hub.query('young-person', REVIEWS, { id: AVA.id }))).toEqual([['FORBIDDEN', 'NO_RELATIONSHIP']]);
    for (const q of ['{ ehcReviewsDue { dueOn } }', '{ ehcReviewTimeliness { laCode } }'])
      expect(errorCodes(await hub.query('parent', q))).toEqual([['FORBIDDEN', 'ROLE']]);
  });
});
