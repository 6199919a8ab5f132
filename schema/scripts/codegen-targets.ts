// What the generated resolver types of each subgraph are written against (codegen.ts): the module
// its loaders come from (the context's `loaders`), and for each GraphQL object type whose resolvers
// receive something other than its GraphQL shape, the hand-written row type they do receive
// (codegen `mappers`, paths relative to src/generated/).
import type { SubgraphName } from '../src';

export interface CodegenTarget {
  /** Module exporting `Loaders`; none for a subgraph without loaders (its context's are empty). */
  loaders?: string;
  mappers: Record<string, string>;
}

/** Every subgraph that keeps an audit chain shows its events as the chain's reader returns them, and
 *  resolves the trail and "who looked" entities from their keys (host/audit-trail). */
const AUDITED = {
  AuditEvent: '@hub/guard/audit/writer#AuditEventRow',
  ChildAudit: '@hub/host/audit-trail/trail-resolvers#ChildAuditRef',
  WhoLooked: '@hub/host/audit-trail/who-looked#WhoLookedRef',
};

/** What defineAgencySubgraph adds to every agency: services are their table's rows (agency-kit). */
const AGENCY = { ...AUDITED, CommissionedService: '@hub/agency-kit/commissioned-services#ServiceRow' };

/** Health's and social care's sections of education's plan entities receive the representation,
 *  which carries the child and its access context (agency-kit plan-sections). */
const PLAN_SECTIONS = { EhcPlan: '@hub/agency-kit/plan-sections#PlanRef', PlanIssue: '@hub/agency-kit/plan-sections#PlanRef' };

/** An ingestion's mutation answers with the pipeline's outcome (@hub/ingest/pipeline): the fields every
 *  format shares, and those its own steps add (its count, links, relationships). */
const ingested = (...types: string[]) => Object.fromEntries(types.map((t) => [t, '@hub/ingest/pipeline#IngestOutcome']));

export const CODEGEN_TARGETS: Record<SubgraphName, CodegenTarget> = {
  governance: { loaders: '../repository', mappers: AUDITED },
  education: {
    loaders: '../repository',
    mappers: {
      ...AGENCY,
      ...ingested('Sen2IngestResult', 'CtfIngestResult'),
      EducationRecord: '../repository#EducationRecordRow',
      EhcPlan: '../repository#EhcPlanJson',
      PlanIssue: '../plans/repository#PlanIssueRow',
      AdviceRequest: '../assessments/view#AdviceRequestView',
    },
  },
  health: {
    loaders: '../repository',
    mappers: {
      ...AGENCY,
      ...PLAN_SECTIONS,
      ...ingested('FhirIngestResult'),
      HealthRecord: '../repository#HealthRecordRow',
      Diagnosis: '../repository#DiagnosisRow',
      Referral: '../repository#ReferralRow',
      TherapyEpisode: '../repository#TherapyEpisodeRow',
    },
  },
  'social-care': {
    loaders: '../repository',
    mappers: {
      ...AGENCY,
      ...PLAN_SECTIONS,
      ...ingested('CinIngestResult', 'Ssda903IngestResult', 'CaseAllocationsIngestResult'),
      SocialCareRecord: '../repository#SocialCareRecordRow',
    },
  },
  family: { loaders: '../repository', mappers: AUDITED },
  commissioning: { mappers: { CommissioningQueryRun: '../query-log#QueryRunRow' } },
};
