// ingestCaseAllocations: the case allocations feed on its own (not with a CIN return), through
// the ingest package's pipeline: check the CSV, match each row's child to the one the LA's returns
// already linked, write, then the relationships. The feed is the LA's whole current caseload: this
// source's allocations for the LA's children that it no longer lists are closed and their
// relationships ended; an end date moved is carried to the relationship. Logs carry counts only.
import { badInput } from '@hub/guard/errors';
import { createLogger } from '@hub/runtime/log';
import { definePipeline, submittedText, type IngestContext } from '@hub/ingest/pipeline';
import { IssueList, rejected } from '@hub/ingest/issues';
import { laCodeProblem } from '@hub/schema';
import { checkAllocations, type AllocationIn } from './feed';
import { syncCaseAllocations, writeAllocations } from './store';
import type { Resolvers } from '../../generated/graphql';

interface FeedInput {
  laCode: string;
  allocations: string;
}
interface CheckedFeed {
  laCode: string;
  rows: AllocationIn[];
  issues: IssueList;
}
/** Hub child id by LA child id of every child the LA's returns linked, and the ids of those the feed names. */
interface FeedChildren {
  all: string[];
  childOf: Map<string, string>;
}

async function heldChildren(ctx: IngestContext, laCode: string): Promise<Map<string, string>> {
  const rows = await ctx.db.query<{ child_id: string; la_child_id: string }>(
    'SELECT child_id, la_child_id FROM social_care_record WHERE la_code = $1',
    [laCode],
  );
  return new Map(rows.map((r) => [r.la_child_id, r.child_id]));
}

export const ingestCaseAllocations = definePipeline<FeedInput, CheckedFeed, FeedChildren>({
  name: 'case allocations',
  log: createLogger('social-care-ingest'),
  argument: 'allocations',
  content: ({ laCode, allocations }) => `${laCode}\n--allocations--\n${allocations}`,
  check: async ({ laCode, allocations }) => {
    if (typeof laCode !== 'string' || laCodeProblem(laCode))
      throw badInput('laCode', 'must be the 3-digit LA code that qualifies every CHILD id in the feed');
    submittedText('allocations', allocations, 'the case allocations feed as CSV text');
    const issues = new IssueList();
    const rows = await checkAllocations(allocations, laCode, null, issues);
    return { laCode, rows, issues };
  },
  // The feed carries no id of its own: the LA and the content name the submission.
  submissionId: (feed, hash) => `ALLOC-${feed.laCode}-${hash.slice(0, 12)}`,
  counted: (feed) => ({ allocations: feed.rows.length }),
  records: (feed) => feed.rows.length,
  replay: async (ctx, feed) => ({
    relationships: await syncCaseAllocations(ctx, [...(await heldChildren(ctx, feed.laCode)).values()]),
  }),
  // The hub links children only through returns: a row may name only a child the LA has already sent.
  link: async (ctx, feed) => {
    const childOf = await heldChildren(ctx, feed.laCode);
    const issues = new IssueList();
    for (const r of feed.rows)
      if (!childOf.has(r.laChildId))
        issues.error(r.record, 'Allocation', 'CHILD', 'ALLOC-CHILD', "is not the LA child id of a child this LA's returns have sent");
    if (issues.errors.length) throw rejected('allocations', [...issues.items, ...feed.issues.warnings]);
    return { all: [...childOf.values()], childOf };
  },
  write: (q, w, feed, { all, childOf }, counts) =>
    writeAllocations(
      q,
      { ...w, children: all },
      feed.rows.map((r) => ({ ...r, childId: childOf.get(r.laChildId)! })),
      counts,
    ),
  relate: (ctx, _, { all }) => syncCaseAllocations(ctx, all),
});

export const allocationsIngestResolvers: Resolvers = {
  Mutation: {
    ingestCaseAllocations: (_, a, ctx) => ingestCaseAllocations(ctx, a),
  },
};
