// The two advising agencies, as the API names them (packages/advice/src/config.ts): which query,
// which mutations, which plan sections.
import { gql } from '../api/gql';

export type AdviceAgency = 'HEALTH' | 'SOCIAL_CARE';

export interface AgencyNames {
  agency: AdviceAgency;
  title: string;
  stem: 'Health' | 'SocialCare';
  requests: string;
  recordField: 'health' | 'socialCare';
  needsSection: string;
  provisionSections: string[];
}

export const AGENCY: Record<AdviceAgency, AgencyNames> = {
  HEALTH: {
    agency: 'HEALTH',
    title: 'health',
    stem: 'Health',
    requests: 'healthAdviceRequests',
    recordField: 'health',
    needsSection: 'C',
    provisionSections: ['G'],
  },
  SOCIAL_CARE: {
    agency: 'SOCIAL_CARE',
    title: 'social care',
    stem: 'SocialCare',
    requests: 'socialCareAdviceRequests',
    recordField: 'socialCare',
    needsSection: 'D',
    provisionSections: ['H1', 'H2'],
  },
};

export function agencyOf(roles: string[]): AdviceAgency | null {
  if (roles.includes('health_practitioner') || roles.includes('designated_clinical_officer')) return 'HEALTH';
  if (roles.includes('social_worker')) return 'SOCIAL_CARE';
  return null;
}

export function requestsQuery(a: AgencyNames) {
  return gql`
    query AdviceRequests($outstandingOnly: Boolean) {
      requests: ${a.requests}(outstandingOnly: $outstandingOnly) {
        id organisation adviceType requestedOn dueOn status timeliness daysRemaining daysOverdue submittedOn latestVersion
        child { id education { givenName familyName } health { nhsNumber } }
      }
    }
  `;
}

const ADVICE_FIELDS =
  'id version requestId needs outcomes provision { section description provider hoursPerWeek } authorName authorRole adviceDate submittedAt organisation';

export function givenAdviceQuery(a: AgencyNames) {
  return gql`
    query GivenAdvice($childId: ID!) {
      child(id: $childId) { id ${a.recordField} { advice { ${ADVICE_FIELDS} } } }
    }
  `;
}

export function submitMutation(a: AgencyNames) {
  return gql`
    mutation Submit($input: Submit${a.stem}AdviceInput!) { advice: submit${a.stem}Advice(input: $input) { ${ADVICE_FIELDS} } }
  `;
}

export function amendMutation(a: AgencyNames) {
  return gql`
    mutation Amend($adviceId: ID!, $input: Amend${a.stem}AdviceInput!) { advice: amend${a.stem}Advice(adviceId: $adviceId, input: $input) { ${ADVICE_FIELDS} } }
  `;
}
