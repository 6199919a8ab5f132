// Who may change an assessment: an EHC coordinator of the LA, with need-to-know for the child.
// The need-to-know check is the shared access decision: governance's signed access context for the
// child (fetched with a peer call, as the gateway would pass it) decided by the request's
// AccessState, so the decision is made and audited exactly as for a read of the child's record.
import { badInput, forbidden, hasRole, PeerError, type SubgraphContext } from '@hub/common';
import { laCodeOfOrganisation } from '@hub/schema';
import { GraphQLError } from 'graphql';

const CHILD_CONTEXT = 'query($id: ID!) { child(id: $id) { accessContext } }';

export interface Authorised {
  laCode: string;
  /** The child as a guarded value's source expects it: id and signed access context. */
  child: { id: string; accessContext: string };
}

/** The caller's LA, or FORBIDDEN ROLE when the caller is not an EHC coordinator of an LA. */
export function coordinatorLa(ctx: SubgraphContext): string {
  const la = laCodeOfOrganisation(ctx.caller.org);
  if (!hasRole(ctx.caller, 'ehc_coordinator') || !la) throw forbidden('ROLE', 'EHC needs assessments are managed by EHC coordinators of the local authority');
  return la;
}

export async function authoriseForChild(ctx: SubgraphContext, childId: string, argument = 'childId'): Promise<Authorised> {
  const laCode = coordinatorLa(ctx);
  let token: string | null | undefined;
  try {
    const data = await ctx.peers.request<{ child: { accessContext: string | null } | null }>('governance', CHILD_CONTEXT, { id: childId }, { requestId: ctx.requestId });
    if (!data.child) throw badInput(argument, 'is not a registered child');
    token = data.child.accessContext;
  } catch (e) {
    if (e instanceof PeerError) throw new GraphQLError('the child index is unavailable; nothing was written', { extensions: { code: 'SERVICE_UNAVAILABLE' } });
    throw e;
  }
  if (!ctx.access) throw forbidden('ROLE', 'no access state for this request');
  ctx.access.adopt(childId, token);
  const d = ctx.access.decision(childId, 'EDUCATION');
  if (d.effect === 'DENY') throw forbidden(d.reason, `no access to this child's education record (${d.reason})`);
  return { laCode, child: { id: childId, accessContext: token! } };
}
