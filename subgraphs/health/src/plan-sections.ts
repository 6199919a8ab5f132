// Sections C and G of a child's EHC plan, read from health's own record for the child whose signed
// access context came with the plan (@requires), so the guard decides on that child.
import type { SubgraphContext } from '@hub/common';
import type { HealthRecordRow, Loaders } from './repository';

type Ctx = SubgraphContext<Loaders>;
type PlanRef = { id: string; child: { id: string; accessContext?: string } };

const items = async (ref: PlanRef, ctx: Ctx, section: 'C' | 'G'): Promise<HealthRecordRow['plan_items'] | null> => {
  const record = await ctx.loaders.record.load(ref.child.id);
  return record ? record.plan_items.filter((p) => p.section === section) : null;
};

export const planSectionResolvers = {
  EhcPlan: {
    // Keep the representation: it carries the child and its signed access context.
    __resolveReference: (ref: PlanRef) => ref,
    sectionC: (ref: PlanRef, _: unknown, ctx: Ctx) => items(ref, ctx, 'C'),
    sectionG: async (ref: PlanRef, _: unknown, ctx: Ctx) => (await items(ref, ctx, 'G'))?.map((p) => ({ ...p, provider: p.provider ?? 'not stated' })) ?? null,
  },
};
