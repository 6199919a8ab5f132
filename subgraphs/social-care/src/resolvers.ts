import { adviceResolvers, SOCIAL_CARE_ADVICE, auditTrailResolvers, LIST_OPEN_SERVICES_SQL, openReferralResolvers, serviceResolvers, type SubgraphContext } from '@hub/common';
import { planSectionResolvers } from './plan-sections';
import type { Loaders, SocialCareRecordRow } from './repository';

type Ctx = SubgraphContext<Loaders>;
const advice = adviceResolvers(SOCIAL_CARE_ADVICE);

export const resolvers = {
  ...advice,
  ...planSectionResolvers,
  Query: {
    ...advice.Query,
    socialCareServices: (_: unknown, __: unknown, ctx: Ctx) => ctx.db.query(LIST_OPEN_SERVICES_SQL),
  },
  Mutation: { ...advice.Mutation, ...planSectionResolvers.Mutation, ...openReferralResolvers('SOCIAL_CARE') },
  Child: {
    // Keep the whole representation: it carries the signed access context the guard decides on.
    __resolveReference: (ref: { id: string; accessContext?: string }) => ref,
    socialCare: (child: { id: string }, _: unknown, ctx: Ctx) => ctx.loaders.record.load(child.id),
  },
  SocialCareRecord: {
    ...advice.SocialCareRecord,
    laCode: (r: SocialCareRecordRow) => r.la_code,
    laChildId: (r: SocialCareRecordRow) => r.la_child_id,
    nhsNumber: (r: SocialCareRecordRow) => r.nhs_number,
    cinEpisodes: (r: SocialCareRecordRow) => r.cin_episodes,
    cpPlans: (r: SocialCareRecordRow) => r.cp_plans,
    lookedAfter: (r: SocialCareRecordRow) => {
      const open = r.cla_periods.find((p) => p.endDate == null);
      return { current: open != null, since: open?.startDate ?? null, periods: r.cla_periods };
    },
    shortBreaks: (r: SocialCareRecordRow) => r.short_breaks,
    needs: (r: SocialCareRecordRow) => r.plan_items.filter((p) => p.section === 'D').map((p) => p.description),
    provision: (r: SocialCareRecordRow) =>
      r.plan_items.filter((p) => p.section !== 'D').map((p) => ({ ...p, provider: p.provider ?? 'not stated' })),
  },
  ...serviceResolvers('SOCIAL_CARE'),
  ...auditTrailResolvers('socialCare', 'social-care'),
};
