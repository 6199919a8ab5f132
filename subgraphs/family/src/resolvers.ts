// The family's story: only the linked family writes it (a new version each time); professionals read
// the current version through the guard, as the family's consent for FAMILY allows.
import { auditTrailResolvers } from '@hub/host/audit-trail/trail-resolvers';
import { authoriseChild } from '@hub/host/peer-context';
import { badInput, forbidden } from '@hub/guard/errors';
import { checkIdempotencyKey } from '@hub/host/idempotency-key';
import { familyRelation } from '@hub/guard/policy/family';
import { type SubgraphContext } from '@hub/host/subgraph';
import type { Resolvers } from './generated/graphql';
import { isHubId } from '@hub/schema';
import { SECTIONS, storyOut, versions, writeVersion, type Loaders } from './repository';
import { correctionResolvers } from './corrections/resolvers';

type Ctx = SubgraphContext<Loaders>;
const MAX_SECTION = 5_000;

function checkChild(argument: string, id: unknown): string {
  if (typeof id !== 'string' || !isHubId(id)) throw badInput(argument, 'must be a hub id (a UUID)');
  return id.toLowerCase();
}

function requireFamily(ctx: Ctx): 'PARENT' | 'YOUNG_PERSON' {
  const relation = familyRelation(ctx.caller);
  if (!relation) throw forbidden('ROLE', 'only the family writes and lists their own story; professionals read the current version');
  return relation;
}

function checkSections(input: Record<string, unknown>): Record<string, string | null> {
  const out: Record<string, string | null> = {};
  for (const s of SECTIONS) {
    const v = input[s];
    if (v != null && typeof v !== 'string') throw badInput(`input.${s}`, 'must be text');
    if (typeof v === 'string' && v.length > MAX_SECTION) throw badInput(`input.${s}`, `may be at most ${MAX_SECTION} characters`);
    out[s] = typeof v === 'string' && v.trim() ? v.trim() : null;
  }
  if (Object.values(out).every((v) => v === null)) throw badInput('input', 'needs at least one part of the story');
  return out;
}

export const resolvers: Resolvers = {
  Query: {
    familyStoryVersions: async (_, { childId }, ctx) => {
      requireFamily(ctx);
      const child = await authoriseChild(ctx, checkChild('childId', childId), 'FAMILY');
      return (await versions(ctx.db, child.id)).map((v) => ({ ...v, child }));
    },
  },
  Mutation: {
    ...correctionResolvers.Mutation,
    writeFamilyStory: async (_, { input, idempotencyKey }, ctx) => {
      const relation = requireFamily(ctx);
      const childId = checkChild('input.childId', input?.childId);
      const key = checkIdempotencyKey(idempotencyKey);
      const sections = checkSections(input);
      const child = await authoriseChild(ctx, childId, 'FAMILY', 'input.childId');
      // Two family members writing at the same moment both get a version, one after the other.
      for (let attempt = 0; ; attempt++) {
        try {
          const story = await writeVersion(ctx.db, { childId, sub: ctx.caller.sub, as: relation, sections, key });
          return { ...story, child };
        } catch (e) {
          if ((e as { code?: string }).code !== '23505' || attempt >= 3) throw e;
        }
      }
    },
  },
  ...auditTrailResolvers('family'),
  Child: {
    ...correctionResolvers.Child,
    familyStory: async (c, _, ctx) => {
      const row = await ctx.loaders.current.load(c.id);
      return row ? storyOut(row) : null;
    },
  },
};
