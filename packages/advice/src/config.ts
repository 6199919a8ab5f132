// Advice for EHC needs assessments is written and owned by the agency that gives it (health:
// sections C, E, G; social care: D, E, H1/H2) and stored in that agency's subgraph. One module
// serves every advising agency; this file says what differs between them.
import type { Agency, DataCategory, PlanSection, Role, SubgraphName } from '@hub/schema';

export interface AdviceAgency {
  agency: Agency;
  /** The subgraph that holds this agency's advice. */
  subgraph: SubgraphName;
  /** GraphQL name stem: `HealthAdvice`, `submitHealthAdvice`, `healthAdviceRequests`. */
  stem: 'Health' | 'SocialCare';
  /** The agency's record type, which gains `advice` (the child's earlier advice). */
  recordType: string;
  category: DataCategory;
  /** Plan section the needs feed (C or D). */
  needsSection: PlanSection;
  /** Plan sections the provision feeds (G; H1/H2). The first is the default. */
  provisionSections: readonly PlanSection[];
  /** Who may write advice for their organisation. */
  practitionerRoles: readonly Role[];
  /** Who oversees every outstanding request across their ICB (health's designated clinical officer). */
  overseerRoles: readonly Role[];
}

export const HEALTH_ADVICE: AdviceAgency = {
  agency: 'HEALTH',
  subgraph: 'health',
  stem: 'Health',
  recordType: 'HealthRecord',
  category: 'HEALTH',
  needsSection: 'C',
  provisionSections: ['G'],
  practitionerRoles: ['health_practitioner'],
  overseerRoles: ['designated_clinical_officer'],
};

export const SOCIAL_CARE_ADVICE: AdviceAgency = {
  agency: 'SOCIAL_CARE',
  subgraph: 'social-care',
  stem: 'SocialCare',
  recordType: 'SocialCareRecord',
  category: 'SOCIAL_CARE',
  needsSection: 'D',
  provisionSections: ['H1', 'H2'],
  practitionerRoles: ['social_worker'],
  overseerRoles: [],
};

/** The advising agencies whose subgraph holds requests and advice (education tells them about requests). */
export const ADVICE_AGENCIES: Partial<Record<Agency, AdviceAgency>> = { HEALTH: HEALTH_ADVICE, SOCIAL_CARE: SOCIAL_CARE_ADVICE };

const lower = (stem: string) => stem[0].toLowerCase() + stem.slice(1);

/** GraphQL names of one agency's advice operations and types. */
export function adviceNames(a: AdviceAgency) {
  return {
    advice: `${a.stem}Advice`,
    provision: `${a.stem}AdviceProvision`,
    request: `${a.stem}AdviceRequest`,
    submitInput: `Submit${a.stem}AdviceInput`,
    amendInput: `Amend${a.stem}AdviceInput`,
    provisionInput: `${a.stem}AdviceProvisionInput`,
    requestsQuery: `${lower(a.stem)}AdviceRequests`,
    submit: `submit${a.stem}Advice`,
    amend: `amend${a.stem}Advice`,
    receive: `receive${a.stem}AdviceRequest`,
    entityField: `${lower(a.stem)}Advice`,
  };
}

/** The peer message education sends the advising agency's subgraph when it asks for advice. */
export function adviceRequestMessage(a: AdviceAgency): { destination: SubgraphName; operation: string } {
  const n = adviceNames(a);
  return {
    destination: a.subgraph,
    operation: `mutation($id: ID!, $childId: ID!, $organisation: String!, $adviceType: AdviceType!, $requestedOn: String!, $dueOn: String!, $messageKey: String!) {
  ${n.receive}(id: $id, childId: $childId, organisation: $organisation, adviceType: $adviceType, requestedOn: $requestedOn, dueOn: $dueOn, messageKey: $messageKey)
}`,
  };
}

/** The peer message an advising agency sends education when advice (or a new version) is submitted. */
export const ADVICE_SUBMITTED_MESSAGE = {
  destination: 'education' as const,
  operation: `mutation($requestId: ID!, $agency: Agency!, $receivedOn: String!, $version: Int!, $messageKey: String!) {
  receiveAdviceSubmitted(requestId: $requestId, agency: $agency, receivedOn: $receivedOn, version: $version, messageKey: $messageKey)
}`,
};
