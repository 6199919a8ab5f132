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

/** What defineAgencySubgraph adds to every agency: services as their table's rows, plan entities as
 *  their representations (agency-kit). */
const AGENCY = {
  ...AUDITED,
  CommissionedService: '@hub/agency-kit/commissioned-services#ServiceRow',
  EhcPlan: '@hub/agency-kit/plan-sections#PlanRef',
  PlanIssue: '@hub/agency-kit/plan-sections#PlanRef',
};

export const CODEGEN_TARGETS: Record<SubgraphName, CodegenTarget> = {
  governance: { loaders: '../repository', mappers: AUDITED },
  education: { loaders: '../repository', mappers: {} },
  health: {
    loaders: '../repository',
    mappers: { ...AGENCY, HealthRecord: '../repository#HealthRecordRow', Referral: '../repository#ReferralRow' },
  },
  'social-care': {
    loaders: '../repository',
    mappers: { ...AGENCY, SocialCareRecord: '../repository#SocialCareRecordRow' },
  },
  family: { loaders: '../repository', mappers: AUDITED },
  commissioning: { mappers: { CommissioningQueryRun: '../query-log#QueryRunRow' } },
};
