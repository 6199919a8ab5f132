import type { Resolvers } from './generated/graphql';

/** Social care's own resolvers; what every agency has is added by defineAgencySubgraph (index.ts). */
export const resolvers: Resolvers = {
  SocialCareRecord: {
    laCode: (r) => r.la_code,
    laChildId: (r) => r.la_child_id,
    nhsNumber: (r) => r.nhs_number,
    cinEpisodes: (r) => r.cin_episodes,
    cpPlans: (r) => r.cp_plans,
    lookedAfter: (r) => {
      const open = r.cla_periods.find((p) => p.endDate == null);
      return { current: open != null, since: open?.startDate ?? null, periods: r.cla_periods };
    },
    shortBreaks: (r) => r.short_breaks,
    needs: (r) => r.plan_items.filter((p) => p.section === 'D').map((p) => p.description),
    provision: (r) => r.plan_items.filter((p) => p.section !== 'D').map((p) => ({ ...p, provider: p.provider ?? 'not stated' })),
  },
};
