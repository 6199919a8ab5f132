import type { SocialCareRecordRow } from './repository';

/** Social care's own resolvers; what every agency has is added by defineAgencySubgraph (index.ts). */
export const resolvers = {
  SocialCareRecord: {
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
};
