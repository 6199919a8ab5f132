// All SQL about a plan after it is made: its issues with their sections, its reviews, ceasing. A
// plan is read whole (issues and reviews as JSON) in one statement for every child of a request.
import { manyByKey } from '@hub/runtime/loaders';
import { type Db } from '@hub/runtime/db';
import type { CeaseReasonCode, PhaseTransfer, PlanIssueKind, ReviewDecision, PfaArea, TransferPlacement } from '@hub/schema';
import type { EhcPlanStatus } from '../repository';
import type { IssueSections } from './validate';

/** One item of an issue's section as issuePlan stored it: the checked input's item (validate.ts). */
export type IssueItem = { [S in keyof IssueSections]: { section: S; content: IssueSections[S][number] } }[keyof IssueSections];

export interface IssueJson {
  id: string;
  version: number;
  kind: PlanIssueKind;
  issuedOn: string;
  recordedBy: string;
  items: IssueItem[];
}

/** An issue as PlanIssue's resolvers receive it: with its child, and the child's date of birth for the PfA check. */
export type PlanIssueRow = IssueJson & { childId: string; dateOfBirth: string };

export interface ReviewJson {
  id: string;
  meetingOn: string;
  reportOn: string | null;
  decision: ReviewDecision | null;
  decidedOn: string | null;
  pfaAreas: PfaArea[];
  recordedBy: string;
}

export interface PlanRow {
  plan_id: string;
  child_id: string;
  la_code: string;
  date_of_birth: string;
  issued_on: string;
  status: EhcPlanStatus;
  ceased_on: string | null;
  cease_reason: CeaseReasonCode | null;
  /** Newest first. */
  issues: IssueJson[];
  /** Newest meeting first. */
  reviews: ReviewJson[];
  /** Phase transfers recorded for the plan, soonest first. */
  transfers: { transfer: PhaseTransfer; transferOn: string }[];
  /** The child's placements (start and type), oldest first: the transfers they show need not be recorded. */
  placements: TransferPlacement[];
}

const PLAN_SQL = `
SELECT e.id::text AS plan_id, e.child_id, r.la_code, r.date_of_birth, e.issued_on, e.status, e.ceased_on, e.cease_reason,
  (SELECT coalesce(json_agg(json_build_object('id', i.id, 'version', i.version, 'kind', i.kind, 'issuedOn', i.issued_on,
      'recordedBy', i.recorded_by, 'items', (SELECT coalesce(json_agg(json_build_object('section', t.section, 'content', t.content)
        ORDER BY t.section, t.position), '[]') FROM plan_issue_item t WHERE t.issue_id = i.id)) ORDER BY i.version DESC), '[]')
    FROM plan_issue i WHERE i.plan_id = e.id) AS issues,
  (SELECT coalesce(json_agg(json_build_object('id', a.id, 'meetingOn', a.meeting_on, 'reportOn', a.report_on, 'decision', a.decision,
      'decidedOn', a.decided_on, 'pfaAreas', a.pfa_areas, 'recordedBy', a.recorded_by) ORDER BY a.meeting_on DESC), '[]')
    FROM annual_review a WHERE a.plan_id = e.id) AS reviews,
  (SELECT coalesce(json_agg(json_build_object('transfer', t.transfer, 'transferOn', t.transfer_on) ORDER BY t.transfer_on, t.transfer), '[]')
    FROM phase_transfer t WHERE t.plan_id = e.id) AS transfers,
  (SELECT coalesce(json_agg(json_build_object('startDate', p.start_date, 'placementType', p.placement_type) ORDER BY p.start_date, p.id), '[]')
    FROM placement p WHERE p.child_id = e.child_id AND p.closed_at IS NULL) AS placements
FROM ehc_plan e JOIN education_record r ON r.child_id = e.child_id`;

export function planLoaders(db: Db) {
  return {
    /** Every plan of each child, newest first, with issues and reviews. */
    plansByChild: manyByKey<PlanRow>(db, `${PLAN_SQL} WHERE e.child_id = ANY($1::uuid[]) ORDER BY e.issued_on DESC, e.id DESC`, 'child_id'),
  };
}

export async function planById(q: Db['query'], planId: string): Promise<PlanRow | null> {
  if (!/^[0-9]{1,18}$/.test(planId)) return null;
  return (await q<PlanRow>(`${PLAN_SQL} WHERE e.id = $1`, [planId]))[0] ?? null;
}

/** The plans of an LA that are in force (not ceased): the coordinator's timeliness lists. */
export async function plansInForce(db: Db, laCode: string): Promise<PlanRow[]> {
  return db.query<PlanRow>(`${PLAN_SQL} WHERE r.la_code = $1 AND e.status <> 'CEASED' ORDER BY e.id`, [laCode]);
}

/** The child's current plan locked for a change, or null. */
export async function lockCurrentPlan(
  q: Db['query'],
  childId: string,
): Promise<{ id: string; status: EhcPlanStatus; issued_on: string } | null> {
  return (
    (
      await q<{ id: string; status: EhcPlanStatus; issued_on: string }>(
        `SELECT id::text, status, issued_on FROM ehc_plan WHERE child_id = $1 AND status <> 'CEASED' FOR UPDATE`,
        [childId],
      )
    )[0] ?? null
  );
}

/**
 * The day a plan was made, from which its review cycle runs: a final issue sets the plan's issue
 * date and later issues leave it, so it is the issue date of any plan past its draft.
 */
export function madeOn(p: Pick<PlanRow, 'issued_on' | 'status'>): string | null {
  return p.status === 'DRAFT' ? null : p.issued_on;
}

/** The same in SQL, for a plan aliased e. */
export const MADE_ON_SQL = "CASE WHEN e.status = 'DRAFT' THEN NULL ELSE e.issued_on END";
