// The plan after it is made: issuing versions (each kept), ceasing with the SEN2 reason, and the
// plan's issues and section owners under Child.education.ehcPlan.
import { randomUUID } from 'node:crypto';
import { badInput } from '@hub/guard/errors';
import { enqueue } from '@hub/host/outbox/enqueue';
import { PLAN_SECTION_AGENCIES, planIssueMessage } from '@hub/agency-kit/plan-sections';
import { type SubgraphContext } from '@hub/host/subgraph';
import {
  addDays,
  isHubId,
  pfaCheck,
  CEASE_REASON_BY_NAME,
  CEASE_REASON_NAMES,
  PLAN_SECTION_OWNER,
  PLAN_SECTIONS,
  toIsoDate,
  type PlanSection,
} from '@hub/schema';
import { authoriseForChild, coordinatorLa, type Authorised } from '../assessments/access';
import { educationRecordLa } from '../assessments/repository';
import { checkDate, notBefore } from '../assessments/validate';
import { assessmentView } from '../assessments/view';
import { EHC_PLAN_JSON, type EhcPlanJson, type Loaders } from '../repository';
import { lockCurrentPlan, planById, type IssueItem, type IssueJson, type PlanRow } from './repository';
import { checkIssueInput, type IssueInput, type IssueSections } from './validate';
import type { Resolvers } from '../generated/graphql';

type Ctx = SubgraphContext<Loaders>;
type Q = Parameters<Parameters<Ctx['db']['transaction']>[0]>[0];
const today = () => toIsoDate(new Date())!;

/** Where the graph holds each section: education's issue, or the owning agency's contribution to EhcPlan. */
const SECTION_PATH: Record<PlanSection, string> = {
  A: 'education.ehcPlan.currentIssue.sectionA',
  B: 'education.ehcPlan.currentIssue.sectionB',
  C: 'education.ehcPlan.sectionC (health)',
  D: 'education.ehcPlan.sectionD (social care)',
  E: 'education.ehcPlan.currentIssue.sectionE',
  F: 'education.ehcPlan.currentIssue.sectionF',
  G: 'education.ehcPlan.sectionG (health)',
  H1: 'education.ehcPlan.sectionH1 (social care)',
  H2: 'education.ehcPlan.sectionH2 (social care)',
  I: 'education.ehcPlan.currentIssue.sectionI',
  J: 'education.ehcPlan.currentIssue.sectionJ',
  K: 'education.ehcPlan.currentIssue.sectionK',
};

/** The plan as EhcPlan resolves it, carrying the child so the guard adopts it on a mutation's result. */
export async function planJson(
  q: Ctx['db']['query'],
  planId: string,
  child: Authorised['child'],
): Promise<EhcPlanJson & { child: Authorised['child'] }> {
  return { ...(await planJsonById(q, planId))!, child };
}

async function planJsonById(q: Ctx['db']['query'], planId: string): Promise<EhcPlanJson | null> {
  if (!/^[0-9]{1,18}$/.test(planId)) return null;
  return (await q<{ p: EhcPlanJson }>(`SELECT ${EHC_PLAN_JSON} AS p FROM ehc_plan e WHERE e.id = $1`, [planId]))[0]?.p ?? null;
}

/** A plan of the caller's LA, and the caller authorised for its child. */
export async function ownPlan(ctx: Ctx, planId: unknown, argument = 'planId'): Promise<{ plan: PlanRow; auth: Authorised }> {
  const la = coordinatorLa(ctx);
  const plan = typeof planId === 'string' ? await planById(ctx.db.query, planId) : null;
  if (!plan || plan.la_code !== la) throw badInput(argument, 'is not an EHC plan of your local authority');
  return { plan, auth: await authoriseForChild(ctx, plan.child_id, argument) };
}

/** The plan's row for an EhcPlan value (loaded once per child per request). */
export async function planRow(ctx: Ctx, p: EhcPlanJson): Promise<PlanRow> {
  return (await ctx.loaders.plans.plansByChild.load(p.childId)).find((x) => x.plan_id === String(p.id))!;
}

/** Which issue kinds may follow, and the earliest date, given the current plan and its issues (regs 13, 22). */
function checkSequence(
  input: IssueInput,
  current: { status: string; issued_on: string } | null,
  issues: { kind: string; issued_on: string }[],
): void {
  const latest = issues[0];
  if (!current) {
    if (input.kind !== 'DRAFT' && input.kind !== 'FINAL')
      throw badInput('input.kind', 'must be DRAFT or FINAL: the child has no plan in force to amend');
    return;
  }
  if (latest) notBefore('input.issuedOn', input.issuedOn, latest.issued_on, "the plan's latest issue");
  if (current.status === 'DRAFT') {
    if (input.kind !== 'DRAFT' && input.kind !== 'FINAL') throw badInput('input.kind', 'must be DRAFT or FINAL while the plan is a draft');
    const firstDraft =
      issues
        .filter((i) => i.kind === 'DRAFT')
        .map((i) => i.issued_on)
        .sort()[0] ?? current.issued_on;
    // reg 13(1): the family has at least 15 days to comment on the draft.
    if (input.kind === 'FINAL')
      notBefore('input.issuedOn', input.issuedOn, addDays(firstDraft, 15), "the family's 15 days to comment on the draft (reg 13(1))");
    return;
  }
  if (input.kind !== 'AMENDMENT_DRAFT' && input.kind !== 'AMENDED_FINAL')
    throw badInput('input.kind', 'must be AMENDMENT_DRAFT or AMENDED_FINAL for a plan in force');
  // reg 22(2)(c): at least 15 days to comment on the proposed amendments.
  if (input.kind === 'AMENDED_FINAL' && latest?.kind === 'AMENDMENT_DRAFT')
    notBefore(
      'input.issuedOn',
      input.issuedOn,
      addDays(latest.issued_on, 15),
      "the family's 15 days to comment on the amendments (reg 22(2)(c))",
    );
  notBefore('input.issuedOn', input.issuedOn, current.issued_on, 'the plan was made');
}

/** Writes the issue, its sections, and the plan's current sections B, E, F, I (the view every reader already has). */
async function writeIssue(q: Q, planId: string, input: IssueInput, sub: string): Promise<boolean> {
  const [{ v }] = await q<{ v: number }>('SELECT coalesce(max(version), 0) + 1 AS v FROM plan_issue WHERE plan_id = $1', [planId]);
  const issueId = randomUUID();
  const rows = await q(
    `INSERT INTO plan_issue (id, plan_id, version, kind, issued_on, recorded_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (recorded_by, idempotency_key) DO NOTHING RETURNING id`,
    [issueId, planId, v, input.kind, input.issuedOn, sub, input.idempotencyKey],
  );
  if (!rows.length) return false;
  // Health and social care keep their own sections as they stand today for this issue.
  for (const a of PLAN_SECTION_AGENCIES) {
    const m = planIssueMessage(a);
    await enqueue(
      q,
      m.destination,
      m.operation,
      { issueId, childId: input.childId, issuedOn: input.issuedOn },
      `plan-issue:${a.agency}:${issueId}`,
    );
  }
  const items = Object.entries(input.sections).flatMap(([section, list]) =>
    (list as unknown[]).map((content, position) => ({ section, position, content })),
  );
  await q(
    `INSERT INTO plan_issue_item (issue_id, section, position, content) SELECT $1, s, p, c FROM unnest($2::text[], $3::int[], $4::jsonb[]) AS t(s, p, c)`,
    [issueId, items.map((i) => i.section), items.map((i) => i.position), items.map((i) => JSON.stringify(i.content))],
  );
  const s = input.sections;
  const weekly = (f: IssueInput['sections']['F'][number]) =>
    f.per === 'WEEK' && (f.sessions * f.minutesPerSession) / 60 < 1000 ? (f.sessions * f.minutesPerSession) / 60 : null;
  const current = [
    ...s.B.map((b) => ['B', b.text, null, null, null]),
    ...s.E.map((e) => ['E', e.description, null, null, e.targetDate]),
    ...s.F.map((f) => ['F', f.description, f.provider, weekly(f), null]),
    ...s.I.map((i) => ['I', i.name, null, null, null]),
  ];
  await q('DELETE FROM plan_item WHERE plan_id = $1', [planId]);
  await q(
    `INSERT INTO plan_item (plan_id, section, description, provider, hours_per_week, target_date)
     SELECT $1, s, d, p, h, t FROM unnest($2::text[], $3::text[], $4::text[], $5::numeric[], $6::date[]) WITH ORDINALITY AS x(s, d, p, h, t, n) ORDER BY n`,
    [planId, ...[0, 1, 2, 3, 4].map((k) => current.map((c) => c[k]))],
  );
  return true;
}

/** Rolls the transaction back when a concurrent write got there first; the caller then replays. */
class Raced extends Error {}

const prior = (q: Ctx['db']['query'], sub: string, key: string) =>
  q<{ plan_id: string; child_id: string; kind: string; issued_on: string }>(
    'SELECT i.plan_id::text, e.child_id, i.kind, i.issued_on FROM plan_issue i JOIN ehc_plan e ON e.id = i.plan_id WHERE i.recorded_by = $1 AND i.idempotency_key = $2',
    [sub, key],
  );

export const planResolvers: Resolvers = {
  Mutation: {
    issuePlan: async (_, args, ctx) => {
      const input = checkIssueInput(args.input ?? {}, today());
      const auth = await authoriseForChild(ctx, input.childId, 'input.childId');
      if ((await educationRecordLa(ctx.db, input.childId)) !== auth.laCode)
        throw badInput('input.childId', 'has no education record in your local authority');
      const replay = async () => {
        const [p] = await prior(ctx.db.query, ctx.caller.sub, input.idempotencyKey);
        if (!p) return null;
        if (p.child_id !== input.childId || p.kind !== input.kind || p.issued_on !== input.issuedOn)
          throw badInput('input.idempotencyKey', 'was already used for another issue');
        return planJson(ctx.db.query, p.plan_id, auth.child);
      };
      const again = await replay();
      if (again) return again;
      const links = input.sections.K.map((k) => k.adviceRequestId);
      if (links.length) {
        const found = await ctx.db.query('SELECT id FROM advice_request WHERE id = ANY($1::uuid[]) AND child_id = $2', [
          links,
          input.childId,
        ]);
        if (found.length !== links.length) throw badInput('input.sectionK', "names a request for advice that is not one of this child's");
      }
      const planId = await ctx.db
        .transaction(async (q): Promise<string | null> => {
          let current = await lockCurrentPlan(q, input.childId);
          const issues = current
            ? await q<{ kind: string; issued_on: string }>(
                'SELECT kind, issued_on FROM plan_issue WHERE plan_id = $1 ORDER BY version DESC',
                [current.id],
              )
            : [];
          checkSequence(input, current, issues);
          if (!current) {
            const [made] = await q<{ id: string }>(
              `INSERT INTO ehc_plan (child_id, issued_on, status) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING id::text`,
              [input.childId, input.issuedOn, input.kind],
            );
            if (!made) throw new Raced(); // another issue created the plan at the same moment
            current = { id: made.id, status: input.kind as 'DRAFT' | 'FINAL', issued_on: input.issuedOn };
          }
          if (!(await writeIssue(q, current.id, input, ctx.caller.sub))) throw new Raced(); // the same key, at the same moment
          if (input.kind === 'FINAL') {
            // The plan is made on its final issue: the review cycle runs from here (CFA s.44(1)).
            await q("UPDATE ehc_plan SET status = 'FINAL', issued_on = $2 WHERE id = $1", [current.id, input.issuedOn]);
            await q("UPDATE education_record SET sen_status = 'EHC_PLAN' WHERE child_id = $1", [input.childId]);
          }
          return current.id;
        })
        .catch((e) => {
          if (e instanceof Raced) return null;
          throw e;
        });
      ctx.outbox?.kick();
      if (planId === null) {
        const raced = await replay();
        if (raced) return raced;
        throw badInput('input.childId', 'had a plan issued at the same moment; try again');
      }
      return planJson(ctx.db.query, planId, auth.child);
    },
    ceasePlan: async (_, args, ctx) => {
      const code = CEASE_REASON_BY_NAME[args.reason];
      if (!code) throw badInput('reason', 'is not a SEN2 cease reason');
      const ceasedOn = checkDate('ceasedOn', args.ceasedOn, today());
      const { plan, auth } = await ownPlan(ctx, args.planId);
      if (plan.status === 'CEASED') {
        // A retry of the same cessation is answered, not refused; anything else is a conflict.
        if (plan.cease_reason === code && plan.ceased_on === ceasedOn) return planJson(ctx.db.query, plan.plan_id, auth.child);
        throw badInput('planId', 'has already ceased');
      }
      notBefore('ceasedOn', ceasedOn, plan.issued_on, 'the plan was issued');
      const rows = await ctx.db.query(
        "UPDATE ehc_plan SET status = 'CEASED', cease_reason = $2, ceased_on = $3 WHERE id = $1 AND status <> 'CEASED' RETURNING id",
        [plan.plan_id, code, ceasedOn],
      );
      if (!rows.length) throw badInput('planId', 'has already ceased');
      return planJson(ctx.db.query, plan.plan_id, auth.child);
    },
  },
  EhcPlan: {
    id: (p) => String(p.id),
    child: (p) => ({ id: p.childId }),
    // Only the gateway asks, for a plan another subgraph named: the plan, with no access context,
    // so the guard withholds its personal fields.
    __resolveReference: (ref, ctx) => planJsonById(ctx.db.query, ref.id),
    ceasedOn: async (p, _, ctx) => (await planRow(ctx, p)).ceased_on,
    ceaseReasonName: (p) => (p.ceaseReason ? CEASE_REASON_NAMES[p.ceaseReason] : null),
    issues: async (p, _, ctx) => {
      const row = await planRow(ctx, p);
      return row.issues.map((i) => ({ ...i, childId: p.childId, dateOfBirth: row.date_of_birth }));
    },
    currentIssue: async (p, _, ctx) => {
      const row = await planRow(ctx, p);
      return row.issues[0] ? { ...row.issues[0], childId: p.childId, dateOfBirth: row.date_of_birth } : null;
    },
    sectionOwners: () => PLAN_SECTIONS.map((section) => ({ section, owner: PLAN_SECTION_OWNER[section], path: SECTION_PATH[section] })),
  },
  PlanIssue: {
    child: (i) => ({ id: i.childId }),
    // Only the gateway asks, for an issue another subgraph named: without an access context the
    // guard withholds its personal fields.
    __resolveReference: async (ref, ctx) => {
      if (!isHubId(ref.id)) return null;
      const [row] = await ctx.db.query<{ child_id: string }>(
        'SELECT e.child_id FROM plan_issue i JOIN ehc_plan e ON e.id = i.plan_id WHERE i.id = $1',
        [ref.id.toLowerCase()],
      );
      if (!row) return null;
      return (
        (await ctx.loaders.plans.plansByChild.load(row.child_id))
          .flatMap((p) => p.issues.map((i) => ({ ...i, childId: row.child_id, dateOfBirth: p.date_of_birth })))
          .find((i) => i.id === ref.id.toLowerCase()) ?? null
      );
    },
    sectionA: (i) => section(i, 'A')[0],
    sectionB: (i) => section(i, 'B').map((b) => b.text),
    sectionE: (i) => section(i, 'E'),
    sectionF: (i) => section(i, 'F'),
    sectionI: (i) => section(i, 'I')[0],
    sectionJ: (i) => section(i, 'J')[0] ?? null,
    // Year 9 and above, the plan's outcomes should prepare for adulthood (regs 20(6), 21(6); CoP 8.9).
    pfaOutcomes: (i) => {
      const c = pfaCheck(
        i.dateOfBirth,
        i.issuedOn,
        section(i, 'E')
          .map((e) => e.pfaArea)
          .filter((a) => a !== null),
      );
      return { ...c, met: c.missing.length === 0 };
    },
    // Links, not copies: the requests for advice as the assessment shows them, leading to the advice.
    sectionK: async (i, _, ctx) => {
      const wanted = section(i, 'K').map((k) => k.adviceRequestId);
      const on = today();
      const all = (await ctx.loaders.assessments.assessmentsByChild.load(i.childId)).flatMap((a) => assessmentView(a, on).adviceRequests);
      return wanted.map((id) => all.find((r) => r.id === id)).filter((r) => r !== undefined);
    },
  },
};

function section<S extends IssueItem['section']>(i: IssueJson, s: S): IssueSections[S][number][] {
  return i.items.filter((x): x is Extract<IssueItem, { section: S }> => x.section === s).map((x) => x.content);
}
