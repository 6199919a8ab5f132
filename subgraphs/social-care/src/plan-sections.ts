// Sections D, H1 and H2 of a child's EHC plan, read from social care's own record for the child
// whose signed access context came with the plan (@requires), so the guard decides on that child.
import type { SubgraphContext } from '@hub/common';
import type { Loaders, SocialCareRecordRow } from './repository';

type Ctx = SubgraphContext<Loaders>;
type PlanRef = { id: string; child: { id: string; accessContext?: string } };

const items = async (ref: PlanRef, ctx: Ctx, section: 'D' | 'H1' | 'H2'): Promise<SocialCareRecordRow['plan_items'] | null> => {
  const record = await ctx.loaders.record.load(ref.child.id);
  return record ? record.plan_items.filter((p) => p.section === section) : null;
};
const provision = async (ref: PlanRef, ctx: Ctx, section: 'H1' | 'H2') => (await items(ref, ctx, section))?.map((p) => ({ ...p, provider: p.provider ?? 'not stated' })) ?? null;

export const planSectionResolvers = {
  EhcPlan: {
    // Keep the representation: it carries the child and its signed access context.
    __resolveReference: (ref: PlanRef) => ref,
    sectionD: async (ref: PlanRef, _: unknown, ctx: Ctx) => (await items(ref, ctx, 'D'))?.map((p) => p.description) ?? null,
    sectionH1: (ref: PlanRef, _: unknown, ctx: Ctx) => provision(ref, ctx, 'H1'),
    sectionH2: (ref: PlanRef, _: unknown, ctx: Ctx) => provision(ref, ctx, 'H2'),
  },
};
