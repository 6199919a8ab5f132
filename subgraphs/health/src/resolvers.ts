import { daysBetween, toIsoDate } from '@hub/schema';
import type { HealthRecordRow } from './repository';

type ReferralRow = HealthRecordRow['referrals'][number];

/** Health's own resolvers; what every agency has is added by defineAgencySubgraph (index.ts). */
export const resolvers = {
  HealthRecord: {
    nhsNumber: (r: HealthRecordRow) => r.nhs_number,
    gpPractice: (r: HealthRecordRow) => r.gp_practice,
    needs: (r: HealthRecordRow) => r.plan_items.filter((p) => p.section === 'C'),
    provision: (r: HealthRecordRow) =>
      r.plan_items.filter((p) => p.section === 'G').map((p) => ({ ...p, provider: p.provider ?? 'not stated' })),
  },
  Referral: {
    waiting: (f: ReferralRow) => f.firstTreatmentOn == null,
    waitDays: (f: ReferralRow) => daysBetween(f.referredOn, f.firstTreatmentOn ?? toIsoDate(new Date())!),
  },
};
