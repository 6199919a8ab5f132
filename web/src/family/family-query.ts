import { gql } from '../api/gql';

export const MY_CHILDREN = gql`
  query MyChildren {
    myChildren {
      id
      education {
        givenName
        familyName
      }
    }
  }
`;

/** A version of the family's story (plan section A): the joint view, the story pages and the assessment and advice pages read the same fields. */
export const STORY = 'version writtenAs writtenAt views interests aspirations whatWorks whatDoesNotWork communication importantPeople';

export const STORY_VERSIONS = gql`
  query FamilyStoryVersions($childId: ID!) {
    familyStoryVersions(childId: $childId) { ${STORY} }
  }
`;

export const WRITE_STORY = gql`
  mutation WriteFamilyStory($input: FamilyStoryInput!, $key: String) {
    story: writeFamilyStory(input: $input, idempotencyKey: $key) {
      version
      writtenAt
    }
  }
`;

const CONSENT = 'id decider method givenAt withdrawnAt provisions { effect categories agencies orgs purposes start end }';

export const CONSENTS = gql`
  query FamilyConsents($childId: ID!) {
    consents(childId: $childId) { ${CONSENT} }
  }
`;

export const WITHDRAW = gql`
  mutation WithdrawConsent($id: ID!) {
    withdrawConsent(id: $id) {
      id
      withdrawnAt
    }
  }
`;

export const RECORD_CONSENT = gql`
  mutation RecordConsent($input: ConsentInput!, $key: String) {
    recordConsent(input: $input, idempotencyKey: $key) {
      id
    }
  }
`;

const LOOK = 'at service organisation role purpose shown refused breakGlass breakGlassId';

export const WHO_LOOKED = gql`
  query WhoLooked($childId: ID!) {
    whoLooked(childId: $childId) {
      governance { ${LOOK} }
      education { ${LOOK} }
      health { ${LOOK} }
      socialCare { ${LOOK} }
      family { ${LOOK} }
      emergencyAccesses { id reviewed reason }
    }
  }
`;

// The assessment as the family sees it: where it is and its statutory dates, and for each request
// for advice only whether it has been received — never the advice itself (that is the adviser's).
// After the plan, its review clock only: dates and where each step is, not the plan's sections.
const STEP = 'step dueOn doneOn timeliness daysRemaining daysOverdue daysLate';

export const FAMILY_ASSESSMENT = gql`
  query FamilyAssessment($id: ID!) {
    child(id: $id) {
      id
      education {
        assessments {
          id status requestReceivedOn decision decidedOn draftIssuedOn finalIssuedOn notIssuedNoticeOn withdrawnOn timeliness
          decisionStep { ${STEP} }
          notIssuedNoticeStep { ${STEP} }
          finalPlanStep { ${STEP} }
          adviceRequests { id adviceType agency organisation requestedOn dueOn status timeliness daysRemaining daysOverdue daysLate receivedOn }
        }
        ehcPlan {
          status issuedOn ceasedOn
          nextReview { ${STEP} }
          phaseTransfer { transfer transferOn step { ${STEP} } }
          reviews { id meetingOn decision reportStep { ${STEP} } decisionStep { ${STEP} } amendedPlanStep { ${STEP} } }
        }
      }
    }
  }
`;

export const CORRECTION =
  'id agency category about whatIsWrong whatItShouldSay requestedAs requestedAt status answeredOrg answeredAt answer';

export const CORRECTIONS = gql`
  query CorrectionRequests($id: ID!) {
    child(id: $id) { id correctionRequests { ${CORRECTION} } }
  }
`;

export const REQUEST_CORRECTION = gql`
  mutation RequestCorrection($input: CorrectionRequestInput!, $key: String) {
    requestCorrection(input: $input, idempotencyKey: $key) {
      id
      status
    }
  }
`;
