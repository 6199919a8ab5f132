import { badInput } from '@hub/guard/errors';
import { childVisibility } from '@hub/guard/policy/visibility';
import { linkageKey } from '@hub/runtime/settings/secrets';
import { type IdentifierKind } from '@hub/guard/linkage';
import { type SubgraphContext } from '@hub/host/subgraph';
import { nhsNumberProblem, upnProblem } from '@hub/schema';
import { permitted, RECORD } from './audit';
import { consentResolvers } from './consents/resolvers';
import { relationshipResolvers } from './relationships/resolvers';
import { breakGlassResolvers } from './break-glass/resolvers';
import { familyResolvers } from './family/resolvers';
import { familyWithholdingResolvers } from './family-withholding/resolvers';
import { emergencyAccessResolvers } from './break-glass/family-view';
import { caseloadResolvers } from './caseload/resolvers';
import { peerResolvers } from './peer-resolvers';
import { checkId } from './validate';
import { registrationIdentifiers } from './child-index/identifiers';
import { registerChildrenResolvers } from './child-index/register-many';
import { allocateManyResolvers } from './relationships/allocate-many';
import { childIdByIdentifier, LinkConflict, registerChild, type Loaders } from './repository';
import { refusal, requireVisible } from './visibility';
import type { Child, Resolvers } from './generated/graphql';

type Ctx = SubgraphContext<Loaders>;
// Read on first use, not at import: a process with a bad setting stops with a clear message first.
let linkage: string | undefined;
const key = () => (linkage ??= linkageKey());
// Looked up in place of an unknown child, so that both paths run the same statements.
const NO_CHILD = '00000000-0000-4000-8000-000000000000';

/**
 * A child by hub id, as far as the caller may know of it: FORBIDDEN (the same for a child that
 * does not exist) unless they work with the child, have broken glass, or their role needs it.
 */
async function visibleChild(ctx: Ctx, id: string) {
  const { context } = await requireVisible(ctx, id, RECORD.childIndex, 'LOOKUP', 'unlessRelationship');
  return context ? { id } : null;
}

async function byIdentifier(ctx: Ctx, kind: IdentifierKind, value: string) {
  const id = await childIdByIdentifier(ctx.db, key(), kind, value);
  if (id) {
    await requireVisible(ctx, id, RECORD.childIndex, 'LOOKUP');
    return { id };
  }
  await ctx.loaders.access.load(NO_CHILD);
  const v = childVisibility(ctx.caller, null, ctx.audit!.now);
  if (v.visible) return null;
  throw refusal(v.reason);
}

export const baseResolvers: Resolvers = {
  Query: {
    child: (_, { id }, ctx) => visibleChild(ctx, checkId('id', id)),
    children: (_, { ids }, ctx) => {
      if (ids.length > 500) throw badInput('ids', 'may hold at most 500 ids');
      const checked = ids.map((id, i) => checkId(`ids[${i}]`, id));
      // Each item stands alone: one the caller may not see is null with its own FORBIDDEN error, so
      // each is a promise of its own. graphql-js awaits a promise in any list position, but the
      // generated list type has no place for a promise that may resolve to null (an item the caller
      // may see but the index does not hold): each is stated as a promise of the item.
      return checked.map((id) => visibleChild(ctx, id) as Promise<Child>);
    },
    childByNhsNumber: async (_, { nhsNumber }, ctx) => {
      const problem = nhsNumberProblem(nhsNumber);
      if (problem) throw badInput('nhsNumber', problem);
      return byIdentifier(ctx, 'NHS', nhsNumber);
    },
    childByUpn: async (_, { upn }, ctx) => {
      const problem = upnProblem(upn);
      if (problem) throw badInput('upn', problem);
      return byIdentifier(ctx, 'UPN', upn);
    },
  },
  Mutation: {
    registerChild: async (_, { input }, ctx) => {
      // Linking identifiers is a source system's job; for anyone else it would be a membership oracle.
      const ids = registrationIdentifiers(input, 'input');
      try {
        const id = await registerChild(ctx.db, key(), ids);
        ctx.audit!.add(permitted(id, RECORD.childIndex, 'CREATE', 'ROLE'));
        return { id };
      } catch (e) {
        if (e instanceof LinkConflict)
          throw badInput('input', 'identifiers already belong to different children; resolve the duplicate first');
        throw e;
      }
    },
  },
  Child: {
    // A reference another subgraph returned from a list the caller was allowed to see.
    __resolveReference: (ref, ctx) => ctx.loaders.child.load(ref.id.toLowerCase()),
  },
};

export const resolvers: Resolvers = {
  Query: {
    ...baseResolvers.Query,
    ...consentResolvers.Query,
    ...relationshipResolvers.Query,
    ...breakGlassResolvers.Query,
    ...familyResolvers.Query,
    ...familyWithholdingResolvers.Query,
    ...caseloadResolvers.Query,
  },
  Mutation: {
    ...baseResolvers.Mutation,
    ...consentResolvers.Mutation,
    ...relationshipResolvers.Mutation,
    ...breakGlassResolvers.Mutation,
    ...familyResolvers.Mutation,
    ...familyWithholdingResolvers.Mutation,
    ...peerResolvers.Mutation,
    ...registerChildrenResolvers.Mutation,
    ...allocateManyResolvers.Mutation,
  },
  Child: { ...baseResolvers.Child, ...consentResolvers.Child },
  ChildAudit: consentResolvers.ChildAudit,
  AuditEvent: consentResolvers.AuditEvent,
  WhoLooked: { ...consentResolvers.WhoLooked, ...emergencyAccessResolvers.WhoLooked },
};
