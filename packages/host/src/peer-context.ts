// A mutation that writes about a child has no access context from the gateway (only Child entity
// fields get one), so it asks governance for the child's signed context with a peer call and lets
// the request's AccessState decide, exactly as for a read: same decision, same audit entry. The
// returned `{ id, accessContext }` travels on the mutation's result as `child`, so the guard on
// the result's personal fields adopts the same child (see childOf in enforce.ts).
import { GraphQLError } from 'graphql';
import type { DataCategory } from '@hub/schema';
import { badInput, forbidden } from '@hub/guard/errors';
import { hasRole } from '@hub/guard/identity';
import { PeerError } from './peers';
import type { SubgraphContext } from './subgraph';

const CHILD_CONTEXT = 'query($id: ID!) { child(id: $id) { accessContext } }';

export interface ChildWithContext {
  id: string;
  accessContext: string;
}

/**
 * The child's signed context, decided for `category`; FORBIDDEN with the reason when denied. An
 * agency asks as itself (its source-system identity); the family's service, which is no agency,
 * asks as the caller, whom governance refuses unless linked. A child that does not exist is
 * refused exactly as one the caller may not see (no context decides nothing), except for the
 * roles that may know which children exist (a source system, a privacy officer).
 */
export async function authoriseChild(
  ctx: SubgraphContext<any>,
  childId: string,
  category: DataCategory,
  argument = 'childId',
): Promise<ChildWithContext> {
  const child = await adoptChildContext(ctx, childId, argument);
  const d = ctx.access!.decision(childId, category);
  if (d.effect === 'DENY')
    throw forbidden(d.reason, `no access to this child's ${category.toLowerCase().replace('_', ' ')} data (${d.reason})`);
  return child;
}

/**
 * Asks governance for the child's signed context and adopts it into the request's AccessState,
 * deciding nothing: for a write whose decision is not a category's (correction requests), which
 * then reads it with ctx.access.contextOf. A refused or unknown child adopts no context.
 */
export async function adoptChildContext(ctx: SubgraphContext<any>, childId: string, argument = 'childId'): Promise<ChildWithContext> {
  if (!ctx.access) throw forbidden('ROLE', 'no access state for this request');
  let token: string | null = null;
  try {
    const caller = ctx.access.owner === 'FAMILY' ? ctx.caller : undefined;
    const data = await ctx.peers.request<{ child: { accessContext: string | null } | null }>(
      'governance',
      CHILD_CONTEXT,
      { id: childId },
      { requestId: ctx.requestId, caller },
    );
    if (!data.child && hasRole(ctx.caller, 'integration', 'privacy_officer')) throw badInput(argument, 'is not a registered child');
    token = data.child?.accessContext ?? null;
  } catch (e) {
    if (!(e instanceof PeerError)) throw e;
    if (!e.codes.includes('FORBIDDEN'))
      throw new GraphQLError('the child index is unavailable; nothing was written', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
  }
  ctx.access.adopt(childId, token);
  return { id: childId, accessContext: token! };
}
