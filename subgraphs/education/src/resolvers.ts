import type { EducationRecordRow, EhcPlanJson } from './repository';
import { assessmentResolvers } from './assessments/resolvers';
import { afterThePlan } from './after-the-plan';
import { attendanceResolvers } from './attendance/resolvers';

const items = (plan: EhcPlanJson, section: 'B' | 'E' | 'F' | 'I') => plan.items.filter((i) => i.section === section);

/** Education's own resolvers; what every agency has is added by defineAgencySubgraph (index.ts). */
export const resolvers = {
  Query: { ...assessmentResolvers.Query, ...afterThePlan.Query },
  Mutation: { ...assessmentResolvers.Mutation, ...afterThePlan.Mutation, ...attendanceResolvers.Mutation },
  AdviceRequest: assessmentResolvers.AdviceRequest,
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
};
