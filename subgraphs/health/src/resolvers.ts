import { daysBetween, toIsoDate } from '@hub/schema';
import type { Resolvers } from './generated/graphql';

/** Health's own resolvers; what every agency has is added by defineAgencySubgraph (index.ts). */
export const resolvers: Resolvers = {
  HealthRecord: {
    nhsNumber: (r) => r.nhs_number,
    gpPractice: (r) => r.gp_practice,
    needs: (r) => r.plan_items.filter((p) => p.section === 'C'),
    provision: (r) => r.plan_items.filter((p) => p.section === 'G').map((p) => ({ ...p, provider: p.provider ?? 'not stated' })),
  },
  Referral: {
    waiting: (f) => f.firstTreatmentOn == null,
    waitDays: (f) => daysBetween(f.referredOn, f.firstTreatmentOn ?? toIsoDate(new Date())!),
  },
};
