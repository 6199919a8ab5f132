import { adviceResolvers, HEALTH_ADVICE, auditTrailResolvers, LIST_OPEN_SERVICES_SQL, openReferralResolvers, serviceResolvers, type SubgraphContext } from '@hub/common';
import { planSectionResolvers } from './plan-sections';
import { daysBetween, toIsoDate } from '@hub/schema';
import type { HealthRecordRow, Loaders } from './repository';

type Ctx = SubgraphContext<Loaders>;
const advice = adviceResolvers(HEALTH_ADVICE);
type ReferralRow = HealthRecordRow['referrals'][number];

export const resolvers = {
  ...advice,
  ...planSectionResolvers,
  Query: {
    ...advice.Query,
    healthServices: (_: unknown, __: unknown, ctx: Ctx) => ctx.db.query(LIST_OPEN_SERVICES_SQL),
  },
  Mutation: { ...advice.Mutation, ...planSectionResolvers.Mutation, ...openReferralResolvers('HEALTH') },
  Child: {
    // Keep the whole representation: it carries the signed access context the guard decides on.
    __resolveReference: (ref: { id: string; accessContext?: string }) => ref,
    health: (child: { id: string }, _: unknown, ctx: Ctx) => ctx.loaders.record.load(child.id),
  },
  HealthRecord: {
    ...advice.HealthRecord,
    nhsNumber: (r: HealthRecordRow) => r.nhs_number,
    gpPractice: (r: HealthRecordRow) => r.gp_practice,
    needs: (r: HealthRecordRow) => r.plan_items.filter((p) => p.section === 'C'),
    provision: (r: HealthRecordRow) => r.plan_items.filter((p) => p.section === 'G').map((p) => ({ ...p, provider: p.provider ?? 'not stated' })),
  },
  Referral: {
    waiting: (f: ReferralRow) => f.firstTreatmentOn == null,
    waitDays: (f: ReferralRow) => daysBetween(f.referredOn, f.firstTreatmentOn ?? toIsoDate(new Date())!),
  },
  ...serviceResolvers('HEALTH'),
  ...auditTrailResolvers('health'),
};
