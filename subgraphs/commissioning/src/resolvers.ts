import { badInput } from '@hub/guard/errors';
import { type SubgraphContext } from '@hub/host/subgraph';
import type { Resolvers } from './generated/graphql';
import { loadPopulation } from './population';
import { logQuery, recentQueries } from './query-log';
import { parseQuery, type FilterInput, type Measure } from './query';
import { capacityDemand } from './measures/capacity';
import { childCounts } from './measures/counts';
import { placementMix } from './measures/placement-mix';
import { timeliness } from './measures/timeliness';
import { inclusion } from './measures/inclusion';
import { reviewTimeliness } from './measures/review-timeliness';
import { waits } from './measures/waits';

type Ctx = SubgraphContext<Record<string, never>>;
// What every measure takes; the SDL lets a client send `filter: null`, which parseQuery reads as none.
type Args = { dimensions?: readonly string[] | null; filter?: FilterInput | null };

/** Every measure runs the same way: arguments, the log, the extracts, the measure (the role is declared in the SDL). */
function run<R>(measure: Measure<R>) {
  return async (_: unknown, args: Args, ctx: Ctx): Promise<R> => {
    const q = parseQuery(args.dimensions, args.filter);
    await logQuery(ctx.db, ctx.caller, ctx.requestId, measure.name, q);
    const population = await loadPopulation(ctx, q.asAt, measure.fields(q), { catalogue: measure.catalogue });
    return measure.run(population, q);
  };
}

export const resolvers: Resolvers = {
  Query: {
    childCounts: run(childCounts),
    placementMix: run(placementMix),
    waits: run(waits),
    timeliness: run(timeliness),
    capacityDemand: run(capacityDemand),
    inclusion: run(inclusion),
    reviewTimeliness: run(reviewTimeliness),
    commissioningQueries: async (_, args, ctx) => {
      if (!Number.isInteger(args.limit) || args.limit < 1 || args.limit > 1000) throw badInput('limit', 'must be between 1 and 1000');
      return recentQueries(ctx.db, args.limit);
    },
  },
  CommissioningQueryRun: {
    requestId: (r) => r.request_id,
    actorSub: (r) => r.actor_sub,
    actorOrg: (r) => r.actor_org,
    filter: (r) => JSON.stringify(r.filter),
  },
};
