import { gql } from '../api/gql';
import { STORY } from '../family/family-query';

export const JOINT_VIEW = gql`
  query JointView($id: ID!) {
    child(id: $id) {
      id
      education {
        source {
          system
          submittedAt
        }
        givenName
        familyName
        dateOfBirth
        upn
        senStatus
        needs {
          rank
          senType
        }
        currentPlacement {
          settingName
          placementType
          startDate
        }
        ehcPlan {
          status
          issuedOn
          sectionB
        }
        assessments {
          id
          status
          requestReceivedOn
          timeliness
        }
      }
      health {
        source {
          system
          submittedAt
        }
        nhsNumber
        gpPractice
        diagnoses {
          code
          description
        }
        referrals {
          service
          waiting
          waitDays
        }
        episodes {
          service
          startDate
          endDate
        }
      }
      socialCare {
        source {
          system
          submittedAt
        }
        laChildId
        cinEpisodes {
          primaryNeed
          startDate
          endDate
        }
        cpPlans {
          category
          startDate
          endDate
        }
        lookedAfter {
          current
          since
        }
        disabilities
        shortBreaks {
          provider
          nightsPerYear
        }
      }
      familyStory { ${STORY} }
    }
  }
`;

export const BREAK_GLASS = gql`
  mutation BreakGlass($childId: ID!, $reason: String!, $minutes: Int) {
    breakGlass(childId: $childId, reason: $reason, minutes: $minutes) {
      id
      expiresAt
    }
  }
`;
