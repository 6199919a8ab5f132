import { badInput, linkageKey, laIdentifier, type IdentifierKind, type SubgraphContext } from '@hub/common';
import { laCodeProblem, nhsNumberProblem, upnProblem } from '@hub/schema';
import { consentResolvers } from './consent-resolvers';
import { caseloadResolvers } from './caseload/resolvers';
import { peerResolvers } from './peer-resolvers';
import { checkId } from './validate';
import { childIdByIdentifier, LinkConflict, registerChild, type Loaders } from './repository';

type Ctx = SubgraphContext<Loaders>;
// Read on first use, not at import: a process with a bad setting stops with a clear message first.
let linkage: string | undefined;
const key = () => (linkage ??= linkageKey());

async function byId(ctx: Ctx, id: string) {
  return ctx.loaders.child.load(id.toLowerCase());
}

export const baseResolvers = {
  Query: {
    child: (_: unknown, { id }: { id: string }, ctx: Ctx) => {
      checkId('id', id);
      return byId(ctx, id);
    },
    children: (_: unknown, { ids }: { ids: string[] }, ctx: Ctx) => {
      if (ids.length > 500) throw badInput('ids', 'may hold at most 500 ids');
      ids.forEach((id, i) => checkId(`ids[${i}]`, id));
      return Promise.all(ids.map((id) => byId(ctx, id)));
    },
    childByNhsNumber: async (_: unknown, { nhsNumber }: { nhsNumber: string }, ctx: Ctx) => {
      const problem = nhsNumberProblem(nhsNumber);
      if (problem) throw badInput('nhsNumber', problem);
      const id = await childIdByIdentifier(ctx.db, key(), 'NHS', nhsNumber);
      return id ? { id } : null;
    },
    childByUpn: async (_: unknown, { upn }: { upn: string }, ctx: Ctx) => {
      const problem = upnProblem(upn);
      if (problem) throw badInput('upn', problem);
      const id = await childIdByIdentifier(ctx.db, key(), 'UPN', upn);
      return id ? { id } : null;
    },
  },
  Mutation: {
    registerChild: async (_: unknown, { input }: { input: Record<string, string | null | undefined> }, ctx: Ctx) => {
      const ids: { kind: IdentifierKind; value: string }[] = [];
      if (input.nhsNumber != null) {
        const p = nhsNumberProblem(input.nhsNumber);
        if (p) throw badInput('input.nhsNumber', p);
        ids.push({ kind: 'NHS', value: input.nhsNumber });
      }
      if (input.upn != null) {
        const p = upnProblem(input.upn);
        if (p) throw badInput('input.upn', p);
        ids.push({ kind: 'UPN', value: input.upn });
      }
      if ((input.laCode == null) !== (input.laChildId == null)) throw badInput('input.laChildId', 'needs laCode with it (LA child ids are unique only within an LA)');
      if (input.laCode != null && input.laChildId != null) {
        const p = laCodeProblem(input.laCode);
        if (p) throw badInput('input.laCode', p);
        if (!/^[\w-]{1,40}$/.test(input.laChildId)) throw badInput('input.laChildId', 'must be 1-40 letters, digits, - or _');
        ids.push({ kind: 'LA', value: laIdentifier(input.laCode, input.laChildId) });
      }
      if (!ids.length) throw badInput('input', 'needs at least one identifier');
      try {
        return { id: await registerChild(ctx.db, key(), ids) };
      } catch (e) {
        if (e instanceof LinkConflict) throw badInput('input', 'identifiers already belong to different children; resolve the duplicate first');
        throw e;
      }
    },
  },
  Child: {
    __resolveReference: (ref: { id: string }, ctx: Ctx) => byId(ctx, ref.id),
  },
};

export const resolvers = {
  Query: { ...baseResolvers.Query, ...consentResolvers.Query, ...caseloadResolvers.Query },
  Mutation: { ...baseResolvers.Mutation, ...consentResolvers.Mutation, ...peerResolvers.Mutation },
  Child: { ...baseResolvers.Child, ...consentResolvers.Child },
  ChildAudit: consentResolvers.ChildAudit,
  AuditEvent: consentResolvers.AuditEvent,
};
