// The gate in front of every look-up of a child and of governance's records about one: decided by
// the pure policy (childVisibility) from the caller and the child's access context, which is one
// batched statement per request. An unknown child has no context and is refused exactly as a known
// one without a relationship, so the answer never tells whether the child exists.
import { childVisibility, type Visibility } from '@hub/guard/policy/visibility';
import { hasRelationshipToActForFamily } from '@hub/guard/policy/decide';
import { forbidden } from '@hub/guard/errors';
import { type AccessContext, type Basis, type WithholdReason } from '@hub/guard/policy/types';
import { type AuditAction } from '@hub/guard/audit/chain';
import { type SubgraphContext } from '@hub/host/subgraph';
import { fromVisibility, permitted, refused, type GovernanceRecord } from './audit';
import type { Loaders } from './repository';

type Ctx = SubgraphContext<Loaders>;

export async function visibilityOf(ctx: Ctx, childId: string): Promise<{ v: Visibility; context: AccessContext | null }> {
  const context = await ctx.loaders.access.load(childId);
  return { v: childVisibility(ctx.caller, context, ctx.audit!.now), context };
}

/** The one refusal of a look-up, the same whether or not the child exists. */
export function refusal(reason: WithholdReason) {
  return forbidden(
    reason,
    reason === 'ROLE' ? 'your role may not look up identifiable children' : 'you have no relationship with this child',
  );
}

/**
 * When a permitted look is audited here: 'always'; 'never' (the caller audits each record it
 * returns); 'unlessRelationship' (a professional resolving a child they work with is audited by
 * the agencies' own records of what they then see; break glass and oversight are audited here).
 */
export type AuditPermit = 'always' | 'never' | 'unlessRelationship';

/**
 * The child's access context, if the caller may learn about the child; else FORBIDDEN with the
 * reason (the same for a child that does not exist). Refusals are always audited.
 */
export async function requireVisible(
  ctx: Ctx,
  childId: string,
  record: GovernanceRecord,
  action: AuditAction,
  auditPermit: AuditPermit = 'always',
): Promise<{ v: Visibility & { visible: true }; context: AccessContext | null }> {
  const { v, context } = await visibilityOf(ctx, childId);
  if (!v.visible) {
    ctx.audit!.add(fromVisibility(childId, record, action, v));
    throw refusal(v.reason);
  }
  if (auditPermit === 'always' || (auditPermit === 'unlessRelationship' && v.basis !== 'RELATIONSHIP'))
    ctx.audit!.add(fromVisibility(childId, record, action, v));
  return { v, context };
}

/** One entry per record returned, or one for the look itself when there were none. */
export function auditRead(ctx: Ctx, childId: string, record: GovernanceRecord, basis: Basis, recordIds: string[]): void {
  if (!recordIds.length) ctx.audit!.add(permitted(childId, record, 'READ', basis));
  else ctx.audit!.add(...recordIds.map((id) => permitted(childId, record, 'READ', basis, id)));
}

/**
 * For acts that change what the family decided or who is linked to them: a relationship of the
 * caller's own is needed (break glass is for seeing in an emergency, oversight for reviewing; neither
 * counts). Otherwise the refusal is audited and FORBIDDEN NO_RELATIONSHIP with `why`.
 */
export function requireOwnRelationship(
  ctx: Ctx,
  childId: string,
  v: Visibility,
  record: GovernanceRecord,
  action: AuditAction,
  why: string,
  recordId?: string,
): void {
  if (v.visible && v.basis === 'RELATIONSHIP') return;
  ctx.audit!.add(fromVisibility(childId, record, action, v.visible ? { visible: false, reason: 'NO_RELATIONSHIP' } : v, recordId));
  throw forbidden('NO_RELATIONSHIP', why);
}

/**
 * Acting for the family (consent on their behalf, bringing a family member in, withholding from
 * them): a relationship of the caller's own that names them — not break glass, not their own
 * self-claim, not a request for advice to their whole organisation (decide.ts). Refusals audited.
 */
export async function requireToActForFamily(
  ctx: Ctx,
  childId: string,
  record: GovernanceRecord,
  action: AuditAction,
  why: string,
  recordId?: string,
): Promise<AccessContext> {
  const { v, context } = await visibilityOf(ctx, childId);
  requireOwnRelationship(ctx, childId, v, record, action, why, recordId);
  if (!hasRelationshipToActForFamily(ctx.caller, context!.relationships, ctx.audit!.now.slice(0, 10))) {
    ctx.audit!.add(refused(childId, record, action, 'NO_RELATIONSHIP', recordId));
    throw forbidden('NO_RELATIONSHIP', `${why} (a relationship that names them, not their own claim)`);
  }
  return context!;
}
