import { gql } from '../api/gql';

const STEP = 'step startOn dueOn doneOn timeliness daysRemaining daysOverdue daysLate exceptionIds';

export const ASSESSMENTS = gql`
  query Assessments($id: ID!) {
    child(id: $id) {
      id
      education {
        givenName
        familyName
        assessments {
          id status requestReceivedOn decision decidedOn draftIssuedOn finalIssuedOn notIssuedNoticeOn withdrawnOn timeliness
          decisionStep { ${STEP} }
          notIssuedNoticeStep { ${STEP} }
          finalPlanStep { ${STEP} }
          exceptions { id kind reason startOn endOn adviceRequestId }
          adviceRequests { id adviceType agency organisation requestedOn dueOn status timeliness daysRemaining daysOverdue daysLate receivedOn receivedVersion }
        }
      }
    }
  }
`;

const A = 'id status';
export const OPEN = gql`mutation Open($childId: ID!, $on: String!) { openNeedsAssessment(childId: $childId, requestReceivedOn: $on) { ${A} } }`;
export const DECIDE = gql`mutation Decide($id: ID!, $decision: AssessmentDecision!, $on: String!) { recordAssessmentDecision(assessmentId: $id, decision: $decision, decidedOn: $on) { ${A} } }`;
export const REQUEST_ADVICE = gql`
  mutation RequestAdvice($id: ID!, $type: AdviceType!, $agency: Agency!, $org: String!, $on: String!) {
    requestAdvice(assessmentId: $id, adviceType: $type, agency: $agency, organisation: $org, requestedOn: $on) {
      id
      status
      dueOn
    }
  }
`;
export const RECEIVED = gql`
  mutation Received($id: ID!, $on: String!) {
    recordAdviceReceived(adviceRequestId: $id, receivedOn: $on) {
      id
      status
    }
  }
`;
export const EXCEPTION = gql`mutation Exception($id: ID!, $kind: ExceptionKind!, $reason: String!, $start: String!, $end: String!, $req: ID) { recordException(assessmentId: $id, kind: $kind, reason: $reason, startOn: $start, endOn: $end, adviceRequestId: $req) { ${A} } }`;
export const DRAFT = gql`mutation Draft($id: ID!, $on: String!) { recordDraftPlan(assessmentId: $id, issuedOn: $on) { ${A} } }`;
export const FINAL = gql`mutation Final($id: ID!, $on: String!) { recordFinalPlan(assessmentId: $id, issuedOn: $on) { ${A} } }`;
export const NOT_TO_ISSUE = gql`mutation NotIssue($id: ID!, $on: String!) { recordDecisionNotToIssue(assessmentId: $id, noticeOn: $on) { ${A} } }`;
