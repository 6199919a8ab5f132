// An agency's own sections of each issue of an EHC plan (health: C, G; social care: D, H1, H2).
// When education issues a plan it sends each agency a peer message; the agency keeps what its
// record held for the child on that day, so every issue shows the agency's sections as they were,
// while the agency stays the owner (its database, its guard). One module, parametrised by agency.
import type { Agency, SubgraphName } from '@hub/schema';
import { isHubId, isoDateProblem } from '@hub/schema';
import { badInput } from '@hub/guard/errors';
import { oneByKey } from '@hub/runtime/loaders';
import { sqlMigration } from '@hub/runtime/migrate';
import type { Db } from '@hub/runtime/db';
import type { SubgraphContext } from '@hub/host/subgraph';

export interface PlanSectionAgency {
  agency: Agency;
  subgraph: SubgraphName;
  /** GraphQL stem of the peer operation: receiveHealthPlanIssue. */
  stem: 'Health' | 'SocialCare';
}

export const PLAN_SECTION_AGENCIES: readonly PlanSectionAgency[] = [
  { agency: 'HEALTH', subgraph: 'health', stem: 'Health' },
  { agency: 'SOCIAL_CARE', subgraph: 'social-care', stem: 'SocialCare' },
];

export function planIssueMessage(a: PlanSectionAgency): { destination: SubgraphName; operation: string } {
  return {
    destination: a.subgraph,
    operation: `mutation($issueId: ID!, $childId: ID!, $issuedOn: String!, $messageKey: String!) {
  receive${a.stem}PlanIssue(issueId: $issueId, childId: $childId, issuedOn: $issuedOn, messageKey: $messageKey)
}`,
  };
}

/** The peer operation's SDL, for the agency's subgraph. */
export function planIssuePeerSdl(a: PlanSectionAgency): string {
  return `extend type Mutation {
  "Peer only (education): a plan was issued; this agency keeps its sections as they stand today for that issue. Idempotent by issueId."
  receive${a.stem}PlanIssue(issueId: ID!, childId: ID!, issuedOn: String!, messageKey: String!): Boolean! @requiresService(services: ["education"], reason: "plan issues come from the education service") @inaccessible
}`;
}

export const PlanIssueSnapshots = sqlMigration(
  'PlanIssueSnapshots1764200000000',
  `
  -- What this agency's record held for the child's plan sections when each issue was sent.
  CREATE TABLE plan_issue_snapshot (
    issue_id uuid PRIMARY KEY,
    child_id uuid NOT NULL,
    issued_on date NOT NULL,
    items jsonb NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
  );
  CREATE FUNCTION plan_issue_snapshot_is_never_edited() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    RAISE EXCEPTION 'the sections of an issued plan are never edited or deleted';
  END $$;
  CREATE TRIGGER plan_issue_snapshot_never_edited BEFORE UPDATE OR DELETE ON plan_issue_snapshot FOR EACH ROW EXECUTE FUNCTION plan_issue_snapshot_is_never_edited();
  `,
  'DROP TABLE plan_issue_snapshot; DROP FUNCTION plan_issue_snapshot_is_never_edited();',
);

export interface SnapshotRow<I> {
  issue_id: string;
  child_id: string;
  items: I[];
}

export function planIssueSnapshotLoader<I>(db: Db) {
  return oneByKey<SnapshotRow<I>>(
    db,
    'SELECT issue_id, child_id, items FROM plan_issue_snapshot WHERE issue_id = ANY($1::uuid[])',
    'issue_id',
  );
}

/** What an agency's EhcPlan or PlanIssue fields receive: the entity's representation, carrying the
 *  child and its signed access context (@requires), kept whole by __resolveReference. */
export type PlanRef = { id: string; child: { id: string; accessContext?: string | null } };

/**
 * The resolvers: the peer receiver, and PlanIssue's entity resolution. `items` gives the child's
 * plan items as the agency's record shows them today (with `section`, and `__category` where an
 * item is more sensitive); `sections` turns a snapshot into the fields the agency adds.
 */
export function planIssueResolvers<I extends { section: string }, L extends { planIssues: ReturnType<typeof planIssueSnapshotLoader<I>> }>(
  a: PlanSectionAgency,
  items: (ctx: SubgraphContext<L>, childId: string) => Promise<I[] | null>,
  sections: Record<string, (items: I[]) => unknown>,
) {
  type Ctx = SubgraphContext<L>;
  const snapshotOf = async (ref: PlanRef, ctx: Ctx) => {
    if (!isHubId(ref.id)) return null;
    const s = await ctx.loaders.planIssues.load(ref.id.toLowerCase());
    // Only the sections of the child whose access context decided this field.
    return s && s.child_id === ref.child.id ? s.items : null;
  };
  return {
    Mutation: {
      [`receive${a.stem}PlanIssue`]: async (_: unknown, args: { issueId: string; childId: string; issuedOn: string }, ctx: Ctx) => {
        if (!isHubId(args.issueId)) throw badInput('issueId', 'must be an id (a UUID)');
        if (!isHubId(args.childId)) throw badInput('childId', 'must be an id (a UUID)');
        const p = isoDateProblem(args.issuedOn);
        if (p) throw badInput('issuedOn', p);
        const held = (await items(ctx, args.childId.toLowerCase())) ?? [];
        await ctx.db.query(
          'INSERT INTO plan_issue_snapshot (issue_id, child_id, issued_on, items) VALUES ($1, $2, $3, $4) ON CONFLICT (issue_id) DO NOTHING',
          [args.issueId.toLowerCase(), args.childId.toLowerCase(), args.issuedOn, JSON.stringify(held)],
        );
        return true;
      },
    },
    PlanIssue: {
      // Keep the representation: it carries the child and its signed access context (@requires).
      __resolveReference: <R>(ref: R) => ref,
      ...Object.fromEntries(
        Object.entries(sections).map(([field, pick]) => [
          field,
          async (ref: PlanRef, _: unknown, ctx: Ctx) => {
            const held = await snapshotOf(ref, ctx);
            return held === null ? null : pick(held);
          },
        ]),
      ),
    },
  };
}
