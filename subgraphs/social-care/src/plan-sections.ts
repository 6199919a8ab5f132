// Sections D, H1 and H2 of a child's EHC plan: today's, on education's EhcPlan, and as they stood
// on each issue, on education's PlanIssue (kept when education's peer message about the issue
// arrives). Read for the child whose signed access context came with the plan (@requires), so the
// guard decides on that child.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PLAN_SECTION_AGENCIES, planIssuePeerSdl, planIssueResolvers, type PlanRef } from '@hub/agency-kit/plan-sections';
import { type SubgraphContext } from '@hub/host/subgraph';
import type { Resolvers } from './generated/graphql';
import type { Loaders, SocialCareRecordRow } from './repository';

type Ctx = SubgraphContext<Loaders>;
type Item = SocialCareRecordRow['plan_items'][number];
const AGENCY = PLAN_SECTION_AGENCIES.find((a) => a.agency === 'SOCIAL_CARE')!;

export const planSectionsSdl = [readFileSync(join(__dirname, 'plan-sections.graphql'), 'utf8'), planIssuePeerSdl(AGENCY)].join('\n\n');

const current = async (ctx: Ctx, childId: string): Promise<Item[] | null> => (await ctx.loaders.record.load(childId))?.plan_items ?? null;
const sectionD = (items: Item[]) => items.filter((p) => p.section === 'D').map((p) => p.description);
const provision = (section: 'H1' | 'H2') => (items: Item[]) =>
  items.filter((p) => p.section === section).map((p) => ({ ...p, provider: p.provider ?? 'not stated' }));
const today =
  <T>(pick: (items: Item[]) => T) =>
  async (ref: PlanRef, _: unknown, ctx: Ctx): Promise<T | null> => {
    const items = await current(ctx, ref.child.id);
    return items === null ? null : pick(items);
  };

const issued = planIssueResolvers<Item, Loaders>(AGENCY, current, { sectionD, sectionH1: provision('H1'), sectionH2: provision('H2') });

export const planSectionResolvers: Resolvers = {
  Mutation: issued.Mutation,
  PlanIssue: issued.PlanIssue,
  EhcPlan: {
    // Keep the representation: it carries the child and its signed access context.
    __resolveReference: (ref) => ref,
    sectionD: today(sectionD),
    sectionH1: today(provision('H1')),
    sectionH2: today(provision('H2')),
  },
};
