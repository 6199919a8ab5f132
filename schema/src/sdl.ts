// SDL pieces every subgraph shares. Enums are generated from codes.ts so that a code list lives once.
import * as codes from './codes';
import { EXCLUSION_KINDS, EXCLUSION_WITHDRAWALS, TERMS } from './attendance';

export const FEDERATION_LINK =
  'extend schema @link(url: "https://specs.apollo.dev/federation/v2.14", import: ["@key", "@shareable", "@external", "@requires", "@inaccessible"])';

export function enumSdl(name: string, values: readonly string[], description: string): string {
  // GraphQL enum values cannot start with a digit, so numeric codes get a prefix (CEASE_1).
  const lines = values.map((v) => `  ${/^\d/.test(v) ? `${name.toUpperCase()}_${v}` : v}`);
  return `"""${description}"""\nenum ${name} {\n${lines.join('\n')}\n}`;
}

export const ENUMS = {
  Agency: enumSdl('Agency', codes.AGENCIES, "An agency that holds part of a child's story."),
  SenType: enumSdl('SenType', codes.SEN_TYPES, 'SEN2 2025 SEN type.'),
  SenStatus: enumSdl('SenStatus', codes.SEN_STATUSES, 'SEN status: none, SEN support, or an EHC plan.'),
  PlacementType: enumSdl('PlacementType', codes.PLACEMENT_TYPES, 'Placement mix used in commissioning.'),
  CinPrimaryNeed: enumSdl('CinPrimaryNeed', codes.CIN_PRIMARY_NEEDS, 'Children-in-need primary need N0..N9.'),
  CinDisability: enumSdl('CinDisability', codes.CIN_DISABILITIES, 'Children-in-need disability code.'),
  CpCategory: enumSdl('CpCategory', codes.CP_CATEGORIES, 'Child protection plan category.'),
  HealthService: enumSdl('HealthService', codes.HEALTH_SERVICES, 'Therapy and health services tracked for waits.'),
  PlanSection: enumSdl('PlanSection', codes.PLAN_SECTIONS, 'EHC plan section.'),
  DataCategory: enumSdl('DataCategory', codes.DATA_CATEGORIES, 'Category of personal data, the unit of consent.'),
  Purpose: enumSdl('Purpose', codes.PURPOSES, 'Purpose a disclosure is made for.'),
  AdviceType: enumSdl('AdviceType', codes.ADVICE_TYPES, 'Advice the LA seeks for an EHC needs assessment (reg 6).'),
  AdviceStatus: enumSdl('AdviceStatus', codes.ADVICE_STATUSES, 'Where one request for advice stands.'),
  AssessmentStatus: enumSdl('AssessmentStatus', codes.ASSESSMENT_STATUSES, 'Where an EHC needs assessment stands.'),
  AssessmentDecision: enumSdl(
    'AssessmentDecision',
    codes.ASSESSMENT_DECISIONS,
    'Decision whether to assess (SEN2): Y assess, N not, A not yet decided, W withdrawn.',
  ),
  ExceptionKind: enumSdl('ExceptionKind', codes.EXCEPTION_KINDS, 'Exception to the EHC time limits.'),
  Timeliness: enumSdl('Timeliness', codes.TIMELINESS, 'Timeliness of a step of the EHC clock.'),
  ClockStep: enumSdl('ClockStep', codes.CLOCK_STEPS, 'A step of the EHC clock that has a deadline.'),
  RelationshipKind: enumSdl('RelationshipKind', codes.RELATIONSHIP_KINDS, 'A legitimate relationship (need-to-know) with a child.'),
  FamilyRelation: enumSdl('FamilyRelation', codes.FAMILY_RELATIONS, 'Who a linked family member is to the child.'),
  CorrectionStatus: enumSdl('CorrectionStatus', codes.CORRECTION_STATUSES, "Where a family's correction request stands."),
  CorrectionOutcome: enumSdl('CorrectionOutcome', codes.CORRECTION_OUTCOMES, "An agency's answer to a correction request."),
  ConsentMethod: enumSdl('ConsentMethod', codes.CONSENT_METHODS, 'How the family gave a consent recorded on their behalf.'),
  Term: enumSdl('Term', TERMS, 'A school term (the academic year starts on 1 August).'),
  ExclusionKind: enumSdl('ExclusionKind', EXCLUSION_KINDS, 'Suspension (fixed period) or permanent exclusion.'),
  ExclusionWithdrawal: enumSdl(
    'ExclusionWithdrawal',
    EXCLUSION_WITHDRAWALS,
    'Why a recorded exclusion no longer stands: recorded in error, or overturned (the pupil reinstated).',
  ),
};

export function sharedEnums(...names: (keyof typeof ENUMS)[]): string {
  return names.map((n) => ENUMS[n]).join('\n\n');
}

/** The commissioned-service shape (Open Referral UK: organisation, service, eligibility, area). */
export function commissionedServiceSdl(useCategory: string): string {
  return `
"""A service an agency commissions, in the Open Referral UK shape. Not personal data."""
type CommissionedService @shareable @notPersonal {
  id: ID!
  agency: Agency!
  organisation: String!
  name: String!
  description: String
  eligibility: String
  "Places or sessions the contract provides at once."
  capacity: Int!
  "Postcode districts the service covers."
  serviceArea: [String!]!
  taxonomy: String
}

"""A child's use of a commissioned service."""
type ServiceUse @shareable @personal(category: ${useCategory}) {
  service: CommissionedService!
  startDate: String!
  endDate: String
}`;
}

/**
 * Who may call each root field (@requiresRole, @requiresService, @anyCaller: exactly one on every
 * Query and Mutation field), and the classification of every field (issue: consent-based field authorisation). `@personal` on a type
 * classifies all its fields; on a field it overrides. `@notPersonal` says so explicitly. These are
 * subgraph-local directives: the enforcement in packages/guard/src/policy/enforce.ts reads them, and the
 * classification test walks the composed schema to make sure no field is left unclassified.
 */
export const CLASSIFICATION_SDL = `
"Who may call this root field: callers holding any of these roles (a role name, or PROFESSIONAL for every professional role), and with agency, only those acting for it. Enforced by packages/guard/src/policy/operation-rules.ts."
directive @requiresRole(roles: [String!]!, agency: String, reason: String) on FIELD_DEFINITION
"Only these hub services may call this root field: service-to-service calls, never a person through the gateway; with roles, only when acting for a caller holding one of them."
directive @requiresService(services: [String!]!, roles: [String!], reason: String) on FIELD_DEFINITION
"Any authenticated caller may call this root field: what they get is decided per child by need-to-know and the consent guard."
directive @anyCaller on FIELD_DEFINITION
directive @personal(category: DataCategory!) on OBJECT | FIELD_DEFINITION
directive @notPersonal on OBJECT | FIELD_DEFINITION
"Some values of this type are of a more sensitive category than the field they come in; each is decided on its own (and a list drops those withheld)."
directive @mayHold(category: DataCategory!) on OBJECT

${ENUMS.DataCategory}`;

/** `@requiresRole` for SDL written in TypeScript templates (the role names are the contract's). */
export function requiresRole(roles: readonly string[], agency?: string): string {
  return `@requiresRole(roles: [${roles.map((r) => JSON.stringify(r)).join(', ')}]${agency ? `, agency: "${agency}"` : ''})`;
}

/** Audit events as every subgraph exposes them to privacy officers. They reference data, never copy it. */
export const AUDIT_SDL = `
"""One audited request in one subgraph: who, for what purpose, and what was decided per child and category."""
type AuditEvent @shareable @notPersonal {
  seq: Int!
  at: String!
  requestId: String!
  actorSub: String!
  actorOrg: String!
  actorRoles: [String!]!
  purpose: String!
  breakGlass: Boolean!
  entries: [AuditEntry!]!
  "This event's link in the subgraph's hash chain."
  hash: String!
}

"""A decision about one category of one child's data, or (governance) about one of its records."""
type AuditEntry @shareable @notPersonal {
  childId: ID!
  "A DataCategory for an agency's data; for governance the record kind: CHILD_INDEX, CONSENT, RELATIONSHIP, BREAK_GLASS, AUDIT_TRAIL."
  category: String!
  decision: String!
  "RELATIONSHIP, CONSENT, BREAK_GLASS, or ROLE (a privacy officer's oversight, a source system, a team manager)."
  basis: String
  reason: String
  consentId: ID
  breakGlassId: ID
  "Governance only: READ, LOOKUP, CREATE, END, WITHDRAW or REVIEW."
  action: String
  "Governance only: the consent, relationship or break glass acted on."
  recordId: ID
}`;
