// The GraphQL an advising agency's subgraph adds for advice. Type names carry the agency's stem
// (HealthAdvice, SocialCareAdvice): two subgraphs cannot both define one non-shareable type.
import { requiresRole as rolesRule } from '@hub/schema';
import { adviceNames, type AdviceAgency } from './config';

export function adviceSdl(a: AdviceAgency): string {
  const n = adviceNames(a);
  // What an advice says, the same whether first submitted or amended.
  const adviceContent = `  needs: [String!]!
  outcomes: [String!]!
  provision: [${n.provisionInput}!]!
  authorName: String!
  authorRole: String!
  adviceDate: String!
`;
  const sections = a.provisionSections.join(' or ');
  return `
extend type Query {
  """
  Requests for ${a.stem === 'Health' ? 'health' : 'social care'} advice. A practitioner sees those addressed to their own organisation${a.overseerRoles.length ? `; a ${a.overseerRoles.join(', ')} sees every one addressed to the organisations of their ICB` : ''}.
  Ordered by organisation, then due date (so overdue ones come first). Outstanding only unless asked.
  """
  ${n.requestsQuery}(organisation: String, outstandingOnly: Boolean = true): [${n.request}!]! ${rolesRule([...a.practitionerRoles, ...a.overseerRoles])}
}

extend type Mutation {
  "Submits advice for a request addressed to the caller's organisation. Idempotent: the same idempotencyKey returns the first result and writes nothing."
  ${n.submit}(input: ${n.submitInput}!): ${n.advice}! ${rolesRule(a.practitionerRoles)}
  "Amends advice: writes the next version; earlier versions stay as they were. Idempotent by idempotencyKey."
  ${n.amend}(adviceId: ID!, input: ${n.amendInput}!): ${n.advice}! ${rolesRule(a.practitionerRoles)}
  "Peer only (education): a request for advice addressed to this agency. Idempotent by id."
  ${n.receive}(id: ID!, childId: ID!, organisation: String!, adviceType: AdviceType!, requestedOn: String!, dueOn: String!, messageKey: String!): Boolean! @requiresService(services: ["education"], reason: "requests for advice come from the education service") @inaccessible
}

"""A request for advice addressed to an organisation of this agency: codes and dates only. The child is reached through the Child entity, whose fields stay guarded."""
type ${n.request} @notPersonal {
  id: ID!
  child: Child!
  "ODS or LA code of the organisation asked."
  organisation: String!
  adviceType: AdviceType!
  "ISO dates, YYYY-MM-DD."
  requestedOn: String!
  "Six weeks from the request (reg 8)."
  dueOn: String!
  status: AdviceStatus!
  timeliness: Timeliness!
  "Days left to the due date while outstanding and not past it."
  daysRemaining: Int
  "Days past the due date while outstanding."
  daysOverdue: Int
  "When the first version was submitted."
  submittedOn: String
  "The newest version's number, when advice was given."
  latestVersion: Int
}

"""Advice for an EHC needs assessment, as written by the ${a.agency === 'HEALTH' ? 'health' : 'social care'} adviser. One version; amendments are new versions."""
type ${n.advice} @personal(category: ${a.category}) {
  "The advice's id, the same for all its versions."
  id: ID!
  version: Int!
  requestId: ID!
  "Needs (feeding plan section ${a.needsSection})."
  needs: [String!]!
  "Outcomes (feeding plan section E)."
  outcomes: [String!]!
  "Provision (feeding plan section ${sections})."
  provision: [${n.provision}!]!
  authorName: String!
  authorRole: String!
  "The date the adviser gave on the advice, YYYY-MM-DD."
  adviceDate: String!
  "When this version reached the hub (ISO timestamp)."
  submittedAt: String!
  "Organisation that submitted it."
  organisation: String!
}

type ${n.provision} @personal(category: ${a.category}) {
  "Plan section: ${sections}."
  section: String!
  description: String!
  provider: String
  hoursPerWeek: Float
}

input ${n.provisionInput} {
  "${sections}; defaults to ${a.provisionSections[0]}."
  section: String
  description: String!
  provider: String
  hoursPerWeek: Float
}

input ${n.submitInput} {
  requestId: ID!
  "Chosen by the client, the same for every retry of one submission (8-100 letters, digits, - or _)."
  idempotencyKey: String!
${adviceContent}}

input ${n.amendInput} {
  idempotencyKey: String!
${adviceContent}}

"""A request for advice, education's entity; this agency adds the advice given for it."""
type AdviceRequest @key(fields: "id") @notPersonal {
  id: ID!
  child: Child! @external
  "Every version of the advice given for this request, newest first."
  ${n.entityField}: [${n.advice}!]! @requires(fields: "child { id accessContext }") @personal(category: ${a.category})
}

extend type ${a.recordType} {
  "Advice this agency has given for the child's EHC needs assessments (the newest version of each, newest first): told once, readable by later advisers within consent."
  advice: [${n.advice}!]
}`;
}
