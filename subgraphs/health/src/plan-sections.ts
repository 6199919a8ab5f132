// Sections C and G of a child's EHC plan: today's, on education's EhcPlan, and as they stood on
// each issue, on education's PlanIssue (kept when education's peer message about the issue
// arrives). Read for the child whose signed access context came with the plan (@requires), so the
// guard decides on that child; mental-health items keep their `__category` and are dropped where
// consent says so.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAN_SECTION_AGENCIES, planIssuePeerSdl, planIssueResolvers, type PlanRef } from '@hub/agency-kit/plan-sections';
import { type SubgraphContext } from '@hub/host/subgraph';
import type { Resolvers } from './generated/graphql';
import type { HealthRecordRow, Loaders } from './repository';

type Ctx = SubgraphContext<Loaders>;
type Item = HealthRecordRow['plan_items'][number];
const AGENCY = PLAN_SECTION_AGENCIES.find((a) => a.agency === 'HEALTH')!;

export const planSectionsSdl = [readFileSync(join(__dirname, 'plan-sections.graphql'), 'utf8'), planIssuePeerSdl(AGENCY)].join('\n\n');

const current = async (ctx: Ctx, childId: string): Promise<Item[] | null> => (await ctx.loaders.record.load(childId))?.plan_items ?? null;
const sectionC = (items: Item[]) => items.filter((p) => p.section === 'C');
const sectionG = (items: Item[]) => items.filter((p) => p.section === 'G').map((p) => ({ ...p, provider: p.provider ?? 'not stated' }));
const today =
  <T>(pick: (items: Item[]) => T) =>
  async (ref: PlanRef, _: unknown, ctx: Ctx): Promise<T | null> => {
    const items = await current(ctx, ref.child.id);
    return items === null ? null : pick(items);
  };

const issued = planIssueResolvers<Item, Loaders>(AGENCY, current, { sectionC, sectionG });

export const planSectionResolvers: Resolvers = {
  Mutation: issued.Mutation,
  PlanIssue: issued.PlanIssue,
  EhcPlan: {
    // Keep the representation: it carries the child and its signed access context.
    __resolveReference: (ref) => ref,
    sectionC: today(sectionC),
    sectionG: today(sectionG),
  },
};
