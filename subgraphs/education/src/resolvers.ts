import type { EhcPlanJson, PlanItemJson } from './repository';
import { assessmentResolvers } from './assessments/resolvers';
import { afterThePlan } from './after-the-plan';
import { attendanceResolvers } from './attendance/resolvers';
import { correctionResolvers } from './attendance/corrections';
import type { Resolvers } from './generated/graphql';

const items = <S extends PlanItemJson['section']>(plan: EhcPlanJson, section: S) =>
  plan.items.filter((i): i is PlanItemJson & { section: S } => i.section === section);

/** Education's own resolvers; what every agency has is added by defineAgencySubgraph (index.ts). */
export const resolvers: Resolvers = {
  Query: { ...assessmentResolvers.Query, ...afterThePlan.Query },
  Mutation: { ...assessmentResolvers.Mutation, ...afterThePlan.Mutation, ...attendanceResolvers.Mutation, ...correctionResolvers.Mutation },
  AdviceRequest: assessmentResolvers.AdviceRequest,
  EducationRecord: {
    givenName: (r) => r.given_name,
    familyName: (r) => r.family_name,
    dateOfBirth: (r) => r.date_of_birth,
    postcodeDistrict: (r) => r.postcode_district,
    laCode: (r) => r.la_code,
    senStatus: (r) => r.sen_status,
    // placements come newest first, so the first open one is the current placement.
    currentPlacement: (r) => r.placements.find((p) => p.endDate == null) ?? null,
    ehcPlan: (r) => r.ehc_plan,
    ...assessmentResolvers.EducationRecord,
    ...afterThePlan.EducationRecord,
  },
  EhcPlan: {
    sectionB: (p) => items(p, 'B').map((i) => i.description),
    outcomes: (p) => items(p, 'E'),
    provision: (p) => items(p, 'F'),
    sectionI: (p) => items(p, 'I')[0]?.description ?? null,
    ...afterThePlan.EhcPlan,
  },
  PlanIssue: afterThePlan.PlanIssue,
};
