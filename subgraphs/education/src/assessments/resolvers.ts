// EHC needs assessments: the coordinator's mutations, the reads under Child.education, the LA's
// timeliness counts, and the peer operation through which advisers' subgraphs report advice.
import { randomUUID } from 'node:crypto';
import { ADVICE_AGENCIES, adviceRequestMessage } from '@hub/advice/config';
import { badInput, forbidden } from '@hub/guard/errors';
import { enqueue } from '@hub/host/outbox/enqueue';
import { type SubgraphContext } from '@hub/host/subgraph';
import {
  addDays,
  adviceAccessEnds,
  adviceRequestGrantsAccess,
  AGENCIES,
  dueOn,
  evaluateAssessment,
  exceptionProblem,
  isCode,
  TIMELINESS,
  ADVICE_TYPES,
  toIsoDate,
  type Timeliness,
} from '@hub/schema';
import { authoriseForChild, coordinatorLa, type Authorised } from './access';
import { adviceRequestById, assessmentById, assessmentsOfLa, educationRecordLa, type AssessmentRow } from './repository';
import { checkAdviceTarget, checkDate, checkId, checkKind, checkText, notBefore } from './validate';
import { assessmentView, clockInput } from './view';
import type { Loaders } from '../repository';
import type { Resolvers } from '../generated/graphql';

type Ctx = SubgraphContext<Loaders>;
type Q = Parameters<Parameters<Ctx['db']['transaction']>[0]>[0];
const today = () => toIsoDate(new Date())!;

/** Loads an assessment of the caller's LA and authorises the caller for its child. */
async function ownAssessment(ctx: Ctx, assessmentId: string): Promise<{ a: AssessmentRow; auth: Authorised }> {
  const la = coordinatorLa(ctx);
  const a = await assessmentById(ctx.db.query, assessmentId);
  if (!a || a.la_code !== la) throw badInput('assessmentId', 'is not an EHC needs assessment of your local authority');
  return { a, auth: await authoriseForChild(ctx, a.child_id, 'assessmentId') };
}

async function reread(ctx: Ctx, id: string, auth: Authorised) {
  return assessmentView((await assessmentById(ctx.db.query, id))!, today(), auth.child);
}

/** A request for advice as its assessment now shows it: written or found above, so it is there. */
async function rereadRequest(ctx: Ctx, assessmentId: string, requestId: string, auth: Authorised) {
  const request = (await reread(ctx, assessmentId, auth)).adviceRequests.find((r) => r.id === requestId);
  if (!request) throw new Error('a request for advice written in this operation was not read back');
  return request;
}

function concluded(a: AssessmentRow): boolean {
  return a.withdrawn_on !== null || a.decision === 'N' || a.final_issued_on !== null || a.not_issued_notice_on !== null;
}

/** One UPDATE of an assessment; the WHERE repeats the precondition so a concurrent change cannot slip past it. */
async function update(ctx: Ctx, id: string, set: string, where: string, params: unknown[], argument: string, why: string) {
  const rows = await ctx.db.query(`UPDATE needs_assessment SET ${set} WHERE id = $1 AND ${where} RETURNING id`, [id, ...params]);
  if (!rows.length) throw badInput(argument, why);
}

async function announceRequest(
  q: Q,
  a: AssessmentRow,
  r: { id: string; adviceType: string; agency: string; organisation: string; requestedOn: string; dueOn: string },
) {
  if (adviceRequestGrantsAccess(r, a.la_code)) {
    await enqueue(
      q,
      'governance',
      GRANT,
      {
        childId: a.child_id,
        agency: r.agency,
        organisation: r.organisation,
        startDate: r.requestedOn,
        endDate: adviceAccessEnds(a.request_received_on, r.requestedOn),
      },
      `advice-request-access:${r.id}`,
    );
  }
  const adviser = ADVICE_AGENCIES[r.agency as keyof typeof ADVICE_AGENCIES];
  if (adviser) {
    const m = adviceRequestMessage(adviser);
    await enqueue(
      q,
      m.destination,
      m.operation,
      { id: r.id, childId: a.child_id, organisation: r.organisation, adviceType: r.adviceType, requestedOn: r.requestedOn, dueOn: r.dueOn },
      `advice-request:${r.id}`,
    );
  }
}

const GRANT = `mutation($childId: ID!, $agency: Agency!, $organisation: String!, $startDate: String!, $endDate: String!, $messageKey: String!) {
  grantAdviceRequestAccess(childId: $childId, agency: $agency, organisation: $organisation, startDate: $startDate, endDate: $endDate, messageKey: $messageKey)
}`;

export const assessmentResolvers: Resolvers = {
  Query: {
    ehcTimeliness: async (_, args, ctx) => {
      const la = coordinatorLa(ctx);
      const on = today();
      const from = args.from == null ? null : checkDate('from', args.from, '9999-12-31');
      const to = args.to == null ? null : checkDate('to', args.to, '9999-12-31');
      if (from && to && to < from) throw badInput('to', 'is before from');
      const byTimeliness = new Map<Timeliness, number>(TIMELINESS.map((t) => [t, 0]));
      const byAdvice = new Map<string, number>();
      for (const a of await assessmentsOfLa(ctx.db, la, from, to)) {
        const clock = evaluateAssessment(clockInput(a), on);
        byTimeliness.set(clock.timeliness, byTimeliness.get(clock.timeliness)! + 1);
        clock.advice.forEach((c, i) => {
          const k = `${a.advice_requests[i].adviceType}|${c.timeliness}`;
          byAdvice.set(k, (byAdvice.get(k) ?? 0) + 1);
        });
      }
      return {
        laCode: la,
        assessments: TIMELINESS.map((t) => ({ timeliness: t, count: byTimeliness.get(t)! })),
        advice: ADVICE_TYPES.flatMap((type) =>
          TIMELINESS.map((t) => ({ adviceType: type, timeliness: t, count: byAdvice.get(`${type}|${t}`) ?? 0 })),
        ),
      };
    },
  },
  Mutation: {
    openNeedsAssessment: async (_, args, ctx) => {
      const childId = checkId('childId', args.childId);
      const received = checkDate('requestReceivedOn', args.requestReceivedOn, today());
      const auth = await authoriseForChild(ctx, childId);
      if ((await educationRecordLa(ctx.db, childId)) !== auth.laCode)
        throw badInput('childId', 'has no education record in your local authority');
      const id = randomUUID();
      const rows = await ctx.db.query(
        `INSERT INTO needs_assessment (id, child_id, la_code, request_received_on, opened_by) VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
        [id, childId, auth.laCode, received, ctx.caller.sub],
      );
      if (!rows.length) throw badInput('childId', 'already has an EHC needs assessment under way');
      return reread(ctx, id, auth);
    },
    recordAssessmentDecision: async (_, args, ctx) => {
      const id = checkId('assessmentId', args.assessmentId);
      if (!['Y', 'N', 'W'].includes(args.decision))
        throw badInput('decision', 'must be Y (assess), N (do not assess) or W (request withdrawn)');
      const on = checkDate('decidedOn', args.decidedOn, today());
      const { a, auth } = await ownAssessment(ctx, id);
      notBefore('decidedOn', on, a.request_received_on, 'the request was received');
      if (concluded(a)) throw badInput('assessmentId', 'has already ended');
      if (args.decision === 'W') {
        notBefore('decidedOn', on, a.decided_on, 'the decision to assess');
        notBefore('decidedOn', on, a.draft_issued_on, 'the draft plan');
        await update(
          ctx,
          id,
          'withdrawn_on = $2',
          'withdrawn_on IS NULL AND final_issued_on IS NULL AND not_issued_notice_on IS NULL',
          [on],
          'assessmentId',
          'has already ended',
        );
      } else {
        await update(
          ctx,
          id,
          'decision = $2, decided_on = $3',
          "decision = 'A' AND withdrawn_on IS NULL",
          [args.decision, on],
          'assessmentId',
          'already has a decision',
        );
      }
      return reread(ctx, id, auth);
    },
    requestAdvice: async (_, args, ctx) => {
      const id = checkId('assessmentId', args.assessmentId);
      const target = checkAdviceTarget(args);
      const on = checkDate('requestedOn', args.requestedOn, today());
      const { a, auth } = await ownAssessment(ctx, id);
      notBefore('requestedOn', on, a.request_received_on, 'the request was received');
      if (concluded(a)) throw badInput('assessmentId', 'has already ended');
      const requestId = randomUUID();
      const due = dueOn('ADVICE', on);
      const inserted = await ctx.db.transaction(async (q) => {
        const rows = await q(
          `INSERT INTO advice_request (id, assessment_id, child_id, advice_type, agency, organisation, requested_on, due_on, requested_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT DO NOTHING RETURNING id`,
          [requestId, id, a.child_id, target.adviceType, target.agency, target.organisation, on, due, ctx.caller.sub],
        );
        if (rows.length) await announceRequest(q, a, { id: requestId, ...target, requestedOn: on, dueOn: due });
        return rows.length > 0;
      });
      if (!inserted) throw badInput('organisation', `was already asked for ${target.adviceType} advice in this assessment`);
      ctx.outbox?.kick();
      return rereadRequest(ctx, id, requestId, auth);
    },
    markAdviceStillSufficient: async (_, args, ctx) => {
      const id = checkId('assessmentId', args.assessmentId);
      const target = checkAdviceTarget(args);
      const reference = checkText('existingAdviceReference', args.existingAdviceReference, 3, 200);
      const on = checkDate('agreedOn', args.agreedOn, today());
      const { a, auth } = await ownAssessment(ctx, id);
      notBefore('agreedOn', on, a.request_received_on, 'the request was received');
      if (concluded(a)) throw badInput('assessmentId', 'has already ended');
      const requestId = randomUUID();
      const rows = await ctx.db.query(
        `INSERT INTO advice_request (id, assessment_id, child_id, advice_type, agency, organisation, requested_on, due_on, existing_advice_reference, agreed_on, requested_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8, $7, $9) ON CONFLICT DO NOTHING RETURNING id`,
        [requestId, id, a.child_id, target.adviceType, target.agency, target.organisation, on, reference, ctx.caller.sub],
      );
      if (!rows.length) throw badInput('organisation', `was already asked for ${target.adviceType} advice in this assessment`);
      return rereadRequest(ctx, id, requestId, auth);
    },
    recordAdviceReceived: async (_, args, ctx) => {
      const requestId = checkId('adviceRequestId', args.adviceRequestId);
      const on = checkDate('receivedOn', args.receivedOn, today());
      coordinatorLa(ctx);
      const r = await adviceRequestById(ctx.db.query, requestId);
      if (!r) throw badInput('adviceRequestId', 'is not a request for advice of your local authority');
      const { auth } = await ownAssessment(ctx, r.assessmentId);
      if (ADVICE_AGENCIES[r.agency as keyof typeof ADVICE_AGENCIES])
        throw badInput('adviceRequestId', `is answered by ${r.agency} in its own subgraph, not recorded here`);
      if (r.existingAdviceReference)
        throw badInput('adviceRequestId', 'is existing advice agreed still sufficient: nothing is to be received');
      notBefore('receivedOn', on, r.requestedOn, 'the advice was requested');
      const rows = await ctx.db.query(
        'UPDATE advice_request SET received_on = $2, received_version = 1 WHERE id = $1 AND received_on IS NULL RETURNING id',
        [requestId, on],
      );
      if (!rows.length) throw badInput('adviceRequestId', 'was already received');
      return rereadRequest(ctx, r.assessmentId, requestId, auth);
    },
    recordException: async (_, args, ctx) => {
      const id = checkId('assessmentId', args.assessmentId);
      const kind = checkKind(args.kind);
      const reason = checkText('reason', args.reason, 10, 1000);
      const startOn = checkDate('startOn', args.startOn, '9999-12-31');
      const endOn = checkDate('endOn', args.endOn, '9999-12-31');
      const requestId = args.adviceRequestId == null ? null : checkId('adviceRequestId', args.adviceRequestId);
      const { a, auth } = await ownAssessment(ctx, id);
      const request = requestId ? a.advice_requests.find((r) => r.id === requestId) : null;
      if (requestId && !request) throw badInput('adviceRequestId', 'is not a request for advice of this assessment');
      const problem = exceptionProblem({ kind, startOn, endOn }, { adviceRequest: request ?? null });
      if (problem) throw badInput(problem.argument, problem.why);
      await ctx.db.query(
        'INSERT INTO assessment_exception (id, assessment_id, advice_request_id, kind, reason, start_on, end_on, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)',
        [randomUUID(), id, requestId, kind, reason, startOn, endOn, ctx.caller.sub],
      );
      return reread(ctx, id, auth);
    },
    recordDraftPlan: async (_, args, ctx) => {
      const id = checkId('assessmentId', args.assessmentId);
      const on = checkDate('issuedOn', args.issuedOn, today());
      const { a, auth } = await ownAssessment(ctx, id);
      if (a.decision !== 'Y' || concluded(a))
        throw badInput('assessmentId', 'is not being assessed (a draft plan follows a decision to assess)');
      notBefore('issuedOn', on, a.decided_on, 'the decision to assess');
      await update(
        ctx,
        id,
        'draft_issued_on = $2',
        "decision = 'Y' AND draft_issued_on IS NULL AND withdrawn_on IS NULL AND not_issued_notice_on IS NULL",
        [on],
        'assessmentId',
        'already has a draft plan',
      );
      return reread(ctx, id, auth);
    },
    recordFinalPlan: async (_, args, ctx) => {
      const id = checkId('assessmentId', args.assessmentId);
      const on = checkDate('issuedOn', args.issuedOn, today());
      const { a, auth } = await ownAssessment(ctx, id);
      if (a.draft_issued_on === null || concluded(a)) throw badInput('assessmentId', 'has no draft plan awaiting a final plan');
      // reg 13(1): the family has at least 15 days to comment on the draft.
      notBefore('issuedOn', on, addDays(a.draft_issued_on, 15), "the family's 15 days to comment on the draft");
      await update(
        ctx,
        id,
        'final_issued_on = $2',
        'final_issued_on IS NULL AND withdrawn_on IS NULL',
        [on],
        'assessmentId',
        'already has a final plan',
      );
      return reread(ctx, id, auth);
    },
    recordDecisionNotToIssue: async (_, args, ctx) => {
      const id = checkId('assessmentId', args.assessmentId);
      const on = checkDate('noticeOn', args.noticeOn, today());
      const { a, auth } = await ownAssessment(ctx, id);
      if (a.decision !== 'Y' || a.draft_issued_on !== null || concluded(a))
        throw badInput('assessmentId', 'is not being assessed without a draft plan');
      notBefore('noticeOn', on, a.decided_on, 'the decision to assess');
      await update(
        ctx,
        id,
        'not_issued_notice_on = $2',
        'not_issued_notice_on IS NULL AND draft_issued_on IS NULL AND withdrawn_on IS NULL',
        [on],
        'assessmentId',
        'has already ended',
      );
      return reread(ctx, id, auth);
    },
    receiveAdviceSubmitted: async (_, args, ctx) => {
      const adviser = isCode(AGENCIES, args.agency) ? ADVICE_AGENCIES[args.agency] : undefined;
      if (!adviser || ctx.service !== adviser.subgraph) throw forbidden('ROLE', "advice is reported by the advising agency's own service");
      const requestId = checkId('requestId', args.requestId);
      const on = checkDate('receivedOn', args.receivedOn, '9999-12-31');
      if (!Number.isInteger(args.version) || args.version < 1) throw badInput('version', 'must be 1 or more');
      // Idempotent and order-free: the first receipt's date stays, the newest version wins.
      await ctx.db.query(
        `UPDATE advice_request SET received_on = LEAST(coalesce(received_on, $3::date), $3::date), received_version = GREATEST(coalesce(received_version, 0), $4)
         WHERE id = $1 AND agency = $2 AND existing_advice_reference IS NULL`,
        [requestId, args.agency, on, args.version],
      );
      return true;
    },
  },
  EducationRecord: {
    assessments: async (r, _, ctx) => {
      const on = today();
      return (await ctx.loaders.assessments.assessmentsByChild.load(r.child_id)).map((a) => assessmentView(a, on));
    },
  },
  AdviceRequest: {
    child: (r) => ({ id: r.childId }),
  },
};
