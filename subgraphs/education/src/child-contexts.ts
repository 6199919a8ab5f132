// Lists that name children (the SEN2 return, the reviews falling due) decide need-to-know per
// child, as the guard does for a child's fields: each child's signed access context comes from
// governance (its children(ids) query, 500 at a time) and the request's AccessState decides and
// audits. A child governance cannot vouch for gets no context, so nothing is permitted for it.
import { forbidden } from '@hub/guard/errors';
import { PeerError } from '@hub/host/peers';
import { type SubgraphContext } from '@hub/host/subgraph';
import type { DataCategory } from '@hub/schema';
import { GraphQLError } from 'graphql';

const CONTEXTS = 'query($ids: [ID!]!) { children(ids: $ids) { id accessContext } }';

export async function childContexts(ctx: SubgraphContext<any>, ids: readonly string[]): Promise<Map<string, string | null>> {
  const out = new Map<string, string | null>();
  try {
    for (let i = 0; i < ids.length; i += 500) {
      const data = await ctx.peers.request<{ children: ({ id: string; accessContext: string | null } | null)[] }>(
        'governance',
        CONTEXTS,
        { ids: ids.slice(i, i + 500) },
        { requestId: ctx.requestId },
      );
      for (const c of data.children) if (c) out.set(c.id, c.accessContext);
    }
  } catch (e) {
    if (e instanceof PeerError) throw new GraphQLError('the child index is unavailable', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    throw e;
  }
  return out;
}

/** The children among `ids` the caller may see `category` of (decided, and audited, per child). */
export async function permittedChildren(ctx: SubgraphContext<any>, ids: readonly string[], category: DataCategory): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  const contexts = await childContexts(ctx, unique);
  if (!ctx.access) throw forbidden('ROLE', 'no access state for this request');
  const permitted = new Set<string>();
  for (const id of unique) {
    ctx.access.adopt(id, contexts.get(id) ?? null);
    if (ctx.access.decision(id, category).effect === 'PERMIT') permitted.add(id);
  }
  return permitted;
}
