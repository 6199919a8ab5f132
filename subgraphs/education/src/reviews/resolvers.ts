// Annual reviews: the coordinator's mutations, the review clock under Child.education.ehcPlan and
// the LA's list of reviews and phase transfers falling due.
import { randomUUID } from 'node:crypto';
import { badInput } from '@hub/guard/errors';
import { type SubgraphContext } from '@hub/host/subgraph';
import {
  addDays,
  evaluatePlanReviews,
  knownTransfers,
  nationalCurriculumYear,
  REVIEW_STEPS,
  TIMELINESS,
  toIsoDate,
  type ClockPlan,
  type PhaseTransfer,
  type ReviewClock,
  type ReviewStepClock,
} from '@hub/schema';
import { coordinatorLa, type Authorised } from '../assessments/access';
import { checkDate, checkId, notBefore } from '../assessments/validate';
import type { EhcPlanJson, Loaders } from '../repository';
import { madeOn, plansInForce, type PlanRow, type ReviewJson } from '../plans/repository';
import { ownPlan, planJson, planRow } from '../plans/resolvers';
import { checkIdempotencyKey } from '../plans/validate';
import { permittedChildren } from '../child-contexts';
import type { Resolvers } from '../generated/graphql';

type Ctx = SubgraphContext<Loaders>;
const today = () => toIsoDate(new Date())!;

export function clockPlan(p: PlanRow): ClockPlan | null {
  const made = madeOn(p);
  if (made === null) return null;
  return {
    madeOn: made,
    dateOfBirth: p.date_of_birth,
    ceasedOn: p.status === 'CEASED' ? (p.ceased_on ?? p.issued_on) : null,
    reviews: p.reviews.map((r) => ({
      id: r.id,
      meetingOn: r.meetingOn,
      reportOn: r.reportOn,
      decision: r.decision,
      decidedOn: r.decidedOn,
      pfaAreas: r.pfaAreas,
    })),
    issues: p.issues.map((i) => ({ kind: i.kind, issuedOn: i.issuedOn })),
    // Recorded transfers, then those the placements show (derived-transfers.ts): fewer to record by hand.
    transfers: knownTransfers(p.transfers, p.date_of_birth, p.placements),
  };
}

function reviewView(p: PlanRow, r: ReviewJson, c: ReviewClock, child?: Authorised['child']) {
  return {
    ...(child ? { child } : {}),
    id: r.id,
    planId: p.plan_id,
    meetingOn: r.meetingOn,
    reportOn: r.reportOn,
    decision: r.decision,
    decidedOn: r.decidedOn,
    nationalCurriculumYear: c.nationalCurriculumYear,
    meetingStep: c.meeting,
    reportStep: c.report,
    decisionStep: c.decision,
    amendedPlanStep: c.amendedPlan,
    pfa: { ...c.pfa, met: c.pfa.missing.length === 0 },
  };
}

function reviewsOf(p: PlanRow, on: string, child?: Authorised['child']) {
  const plan = clockPlan(p);
  if (!plan) return [];
  const clocks = new Map(evaluatePlanReviews(plan, on).reviews.map((c) => [c.reviewId, c]));
  return p.reviews.map((r) => reviewView(p, r, clocks.get(r.id)!, child));
}

/** A review of the caller's LA, with its plan, the caller authorised for the child. */
async function ownReview(ctx: Ctx, reviewId: string) {
  coordinatorLa(ctx);
  const id = checkId('reviewId', reviewId);
  const [row] = await ctx.db.query<{ plan_id: string }>('SELECT plan_id::text FROM annual_review WHERE id = $1', [id]);
  if (!row) throw badInput('reviewId', 'is not a review of your local authority');
  const { plan, auth } = await ownPlan(ctx, row.plan_id, 'reviewId');
  return { id, plan, review: plan.reviews.find((r) => r.id === id)!, auth };
}

/** A review as its plan now shows it: written or found above, so it is there. */
async function reread(ctx: Ctx, planId: string, reviewId: string, auth: Authorised) {
  const { plan } = await ownPlan(ctx, planId, 'reviewId');
  const review = reviewsOf(plan, today(), auth.child).find((r) => r.id === reviewId);
  if (!review) throw new Error('a review written or found in this operation was not read back');
  return review;
}

/** Sets one field of a review once; the same value again is a retry and is answered. */
async function setOnce(
  ctx: Ctx,
  reviewId: string,
  column: 'report_on' | 'decision',
  set: string,
  params: unknown[],
  same: boolean,
  argument: string,
  why: string,
) {
  if (same) return;
  const rows = await ctx.db.query(`UPDATE annual_review SET ${set} WHERE id = $1 AND ${column} IS NULL RETURNING id`, [
    reviewId,
    ...params,
  ]);
  if (!rows.length) throw badInput(argument, why);
}

const dueRow = (p: PlanRow, s: ReviewStepClock, extra: { reviewId?: string; transfer?: PhaseTransfer } = {}) => ({
  child: { id: p.child_id },
  planId: p.plan_id,
  step: s.step,
  dueOn: s.dueOn,
  timeliness: s.timeliness,
  daysRemaining: s.daysRemaining,
  daysOverdue: s.daysOverdue,
  reviewId: extra.reviewId ?? null,
  transfer: extra.transfer ?? null,
});

/** Every step of the review clock of the LA's plans in force, as of today. */
async function laSteps(ctx: Ctx, la: string) {
  const on = today();
  const out: { plan: PlanRow; clock: ReviewStepClock; reviewId?: string; transfer?: PhaseTransfer }[] = [];
  for (const p of await plansInForce(ctx.db, la)) {
    const plan = clockPlan(p);
    if (!plan) continue;
    const clock = evaluatePlanReviews(plan, on);
    out.push({ plan: p, clock: clock.nextReview });
    for (const r of clock.reviews)
      for (const s of [r.meeting, r.report, r.decision, r.amendedPlan]) out.push({ plan: p, clock: s, reviewId: r.reviewId });
    if (clock.phaseTransfer) out.push({ plan: p, clock: clock.phaseTransfer.step, transfer: clock.phaseTransfer.transfer });
  }
  return out;
}

export const reviewResolvers: Resolvers = {
  Query: {
    ehcReviewsDue: async (_, args, ctx) => {
      const la = coordinatorLa(ctx);
      const within = args.withinDays ?? 30;
      if (!Number.isInteger(within) || within < 0 || within > 366) throw badInput('withinDays', 'must be a whole number from 0 to 366');
      const falling = (s: ReviewStepClock) => s.timeliness === 'OVERDUE' || (s.timeliness === 'NOT_YET_DUE' && s.daysRemaining! <= within);
      const falls = (await laSteps(ctx, la)).filter((r) => falling(r.clock));
      // Only children the caller has need-to-know for; the rest are left out without a trace.
      const permitted = await permittedChildren(
        ctx,
        falls.map((r) => r.plan.child_id),
        'EDUCATION',
      );
      const rows = falls.filter((r) => permitted.has(r.plan.child_id)).map((r) => dueRow(r.plan, r.clock, r));
      // Most overdue first, then the soonest due.
      return rows.sort((a, b) => (b.daysOverdue ?? -1) - (a.daysOverdue ?? -1) || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    },
    ehcReviewTimeliness: async (_, __, ctx) => {
      const la = coordinatorLa(ctx);
      const counts = new Map<string, number>();
      for (const r of await laSteps(ctx, la))
        counts.set(`${r.clock.step}|${r.clock.timeliness}`, (counts.get(`${r.clock.step}|${r.clock.timeliness}`) ?? 0) + 1);
      return {
        laCode: la,
        steps: REVIEW_STEPS.flatMap((step) =>
          TIMELINESS.map((timeliness) => ({ step, timeliness, count: counts.get(`${step}|${timeliness}`) ?? 0 })),
        ),
      };
    },
  },
  Mutation: {
    recordReviewMeeting: async (_, args, ctx) => {
      const meetingOn = checkDate('meetingOn', args.meetingOn, today());
      const key = checkIdempotencyKey(args.idempotencyKey, 'idempotencyKey');
      const { plan, auth } = await ownPlan(ctx, args.planId);
      const replay = async () => {
        const [r] = await ctx.db.query<{ id: string; plan_id: string; meeting_on: string }>(
          'SELECT id, plan_id::text, meeting_on FROM annual_review WHERE recorded_by = $1 AND idempotency_key = $2',
          [ctx.caller.sub, key],
        );
        if (!r) return null;
        if (r.plan_id !== plan.plan_id || r.meeting_on !== meetingOn)
          throw badInput('idempotencyKey', 'was already used for another review');
        return reread(ctx, plan.plan_id, r.id, auth);
      };
      const again = await replay();
      if (again) return again;
      if (plan.status !== 'FINAL') throw badInput('planId', 'is not a plan in force (a final plan not ceased)');
      notBefore('meetingOn', meetingOn, madeOn(plan), 'the plan was made');
      const id = randomUUID();
      const rows = await ctx.db.query(
        `INSERT INTO annual_review (id, plan_id, child_id, meeting_on, pfa_areas, recorded_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT DO NOTHING RETURNING id`,
        [id, plan.plan_id, plan.child_id, meetingOn, [...new Set(args.pfaAreas)], ctx.caller.sub, key],
      );
      if (!rows.length) {
        const raced = await replay();
        if (raced) return raced;
        throw badInput('meetingOn', 'already has a review meeting of this plan');
      }
      return reread(ctx, plan.plan_id, id, auth);
    },
    recordPhaseTransfer: async (_, args, ctx) => {
      const transferOn = checkDate('transferOn', args.transferOn, addDays(today(), 3 * 366));
      const key = checkIdempotencyKey(args.idempotencyKey, 'idempotencyKey');
      const { plan, auth } = await ownPlan(ctx, args.planId);
      const [prior] = await ctx.db.query<{ plan_id: string; transfer: string; transfer_on: string }>(
        'SELECT plan_id::text, transfer, transfer_on FROM phase_transfer WHERE recorded_by = $1 AND idempotency_key = $2',
        [ctx.caller.sub, key],
      );
      if (prior) {
        if (prior.plan_id !== plan.plan_id || prior.transfer !== args.transfer || prior.transfer_on !== transferOn)
          throw badInput('idempotencyKey', 'was already used for another transfer');
        return planJson(ctx.db.query, plan.plan_id, auth.child);
      }
      if (plan.status !== 'FINAL') throw badInput('planId', 'is not a plan in force (a final plan not ceased)');
      notBefore('transferOn', transferOn, madeOn(plan), 'the plan was made');
      await ctx.db.query(
        'INSERT INTO phase_transfer (id, plan_id, transfer, transfer_on, recorded_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING',
        [randomUUID(), plan.plan_id, args.transfer, transferOn, ctx.caller.sub, key],
      );
      return planJson(ctx.db.query, plan.plan_id, auth.child);
    },
    recordReviewReport: async (_, args, ctx) => {
      const reportOn = checkDate('reportOn', args.reportOn, today());
      const { id, plan, review, auth } = await ownReview(ctx, args.reviewId);
      notBefore('reportOn', reportOn, review.meetingOn, 'the review meeting');
      await setOnce(ctx, id, 'report_on', 'report_on = $2', [reportOn], review.reportOn === reportOn, 'reviewId', 'already has a report');
      return reread(ctx, plan.plan_id, id, auth);
    },
    recordReviewDecision: async (_, args, ctx) => {
      const decidedOn = checkDate('decidedOn', args.decidedOn, today());
      const { id, plan, review, auth } = await ownReview(ctx, args.reviewId);
      notBefore('decidedOn', decidedOn, review.meetingOn, 'the review meeting');
      const same = review.decision === args.decision && review.decidedOn === decidedOn;
      await setOnce(
        ctx,
        id,
        'decision',
        'decision = $2, decided_on = $3',
        [args.decision, decidedOn],
        same,
        'reviewId',
        'already has a decision',
      );
      return reread(ctx, plan.plan_id, id, auth);
    },
  },
  EhcPlan: {
    reviews: async (p, _, ctx) => reviewsOf(await planRow(ctx, p), today()),
    nextReview: async (p, _, ctx) => (await planClock(ctx, p))?.nextReview ?? notMade(p),
    nationalCurriculumYear: async (p, _, ctx) => nationalCurriculumYear((await planRow(ctx, p)).date_of_birth, today()),
    pfaRequiredAtNextReview: async (p, _, ctx) => (await planClock(ctx, p))?.pfaRequiredAtNextReview ?? false,
    phaseTransfer: async (p, _, ctx) => (await planClock(ctx, p))?.phaseTransfer ?? null,
  },
};

async function planClock(ctx: Ctx, p: EhcPlanJson) {
  const plan = clockPlan(await planRow(ctx, p));
  return plan ? evaluatePlanReviews(plan, today()) : null;
}

/** A plan still in draft has no review cycle yet. */
function notMade(p: EhcPlanJson): ReviewStepClock {
  return {
    step: 'REVIEW_MEETING',
    startOn: p.issuedOn,
    dueOn: p.issuedOn,
    doneOn: null,
    timeliness: 'NOT_APPLICABLE',
    daysRemaining: null,
    daysOverdue: null,
    daysLate: null,
  };
}
