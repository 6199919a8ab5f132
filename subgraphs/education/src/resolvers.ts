import { ctfIngestResolvers } from './ingest/ctf/resolvers';
import { auditTrailResolvers, LIST_OPEN_SERVICES_SQL, openReferralResolvers, serviceResolvers, type SubgraphContext } from '@hub/common';
import type { EducationRecordRow, EhcPlanJson, Loaders } from './repository';
import { assessmentResolvers } from './assessments/resolvers';
import { afterThePlan } from './after-the-plan';

type Ctx = SubgraphContext<Loaders>;

const items = (plan: EhcPlanJson, section: 'B' | 'E' | 'F' | 'I') => plan.items.filter((i) => i.section === section);

export const resolvers = {
  Query: {
    educationServices: (_: unknown, __: unknown, ctx: Ctx) => ctx.db.query(LIST_OPEN_SERVICES_SQL),
    ...assessmentResolvers.Query,
    ...afterThePlan.Query,
  },
  Mutation: { ...assessmentResolvers.Mutation, ...afterThePlan.Mutation, ...ctfIngestResolvers.Mutation, ...openReferralResolvers('EDUCATION') },
  AdviceRequest: assessmentResolvers.AdviceRequest,
  Child: {
    // Keep the whole representation: it carries the signed access context the guard decides on.
    __resolveReference: (ref: { id: string; accessContext?: string }) => ref,
    education: (child: { id: string }, _: unknown, ctx: Ctx) => ctx.loaders.record.load(child.id),
  },
  EducationRecord: {
    givenName: (r: EducationRecordRow) => r.given_name,
    familyName: (r: EducationRecordRow) => r.family_name,
    dateOfBirth: (r: EducationRecordRow) => r.date_of_birth,
    postcodeDistrict: (r: EducationRecordRow) => r.postcode_district,
    laCode: (r: EducationRecordRow) => r.la_code,
    senStatus: (r: EducationRecordRow) => r.sen_status,
    // placements come newest first, so the first open one is the current placement.
    currentPlacement: (r: EducationRecordRow) => r.placements.find((p) => p.endDate == null) ?? null,
    ehcPlan: (r: EducationRecordRow) => r.ehc_plan,
    ...assessmentResolvers.EducationRecord,
    ...afterThePlan.EducationRecord,
  },
  EhcPlan: {
    sectionB: (p: EhcPlanJson) => items(p, 'B').map((i) => i.description),
    outcomes: (p: EhcPlanJson) => items(p, 'E'),
    provision: (p: EhcPlanJson) => items(p, 'F'),
    sectionI: (p: EhcPlanJson) => items(p, 'I')[0]?.description ?? null,
    ...afterThePlan.EhcPlan,
  },
  PlanIssue: afterThePlan.PlanIssue,
  ...serviceResolvers('EDUCATION'),
  ...auditTrailResolvers('education'),
};
