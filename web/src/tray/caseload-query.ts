import { gql } from '../api/gql';

const STEP = 'step dueOn doneOn timeliness daysRemaining daysOverdue';

export const CASELOAD_PAGE = gql`
  query CaseloadPage($first: Int!, $after: String) {
    myCaseload(first: $first, after: $after) {
      edges {
        cursor
        relationships
        node {
          id
          education {
            givenName
            familyName
            upn
            assessments {
              id
              status
              decisionStep { ${STEP} }
              notIssuedNoticeStep { ${STEP} }
              finalPlanStep { ${STEP} }
              adviceRequests { id adviceType dueOn status timeliness daysRemaining daysOverdue }
            }
            ehcPlan { nextReview { ${STEP} } phaseTransfer { step { ${STEP} } } }
          }
          health { nhsNumber }
          socialCare { laChildId }
          correctionRequests { status }
        }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`;
